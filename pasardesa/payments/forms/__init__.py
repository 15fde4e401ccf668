"""Forms of the payments app, one module per area: each parses input into typed values."""
