"""The five demo villages, one module each, written with ``pasardesa.demo.content``."""
