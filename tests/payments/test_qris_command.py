"""manage.py qris: an operator checks a sticker; the dynamic payload is the last line."""

import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from pasardesa.payments import qris
from pasardesa.payments.qris import parse_payload

from .qris_samples import GOPAY_STATIC, NOBU_STATIC

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> list[str]:
    out = io.StringIO()
    call_command("qris", *args, stdout=out)
    return out.getvalue().splitlines()


def test_given_a_sticker_and_amount_then_name_city_nmid_and_payload_last():
    lines = run(NOBU_STATIC, "--amount", "125347", "--reference", "PD-0042")

    assert "GRANOOL STORE OK1229577" in lines[0]
    assert "KEDIRI" in lines[1]
    assert "ID2023270994163" in lines[2]
    fields = {f.tag: f for f in parse_payload(lines[-1])}
    assert fields["01"].value == "12"
    assert fields["54"].value == "125347"
    assert fields["62"].sub("05") == "PD-0042"
    assert fields["62"].sub("07") == "A01"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["https://wa.me/628123", "--amount", "1000"], qris.ERROR_URL),
        ([GOPAY_STATIC[:-1] + "0", "--amount", "1000"], qris.ERROR_CRC),
        ([GOPAY_STATIC, "--amount", "15.000"], qris.ERROR_AMOUNT),
        ([GOPAY_STATIC, "--amount", "0"], qris.ERROR_AMOUNT),
        ([GOPAY_STATIC, "--amount", "-5"], qris.ERROR_AMOUNT),
        ([GOPAY_STATIC, "--amount", "1000", "--reference", "X" * 26], qris.ERROR_REFERENCE),
    ],
)
def test_given_bad_input_then_a_plain_error(args, message):
    with pytest.raises(CommandError) as excinfo:
        run(*args)
    assert str(excinfo.value) == str(message)


def test_given_a_bad_payload_from_the_shell_then_exit_status_is_not_zero():
    result = subprocess.run(
        [sys.executable, "manage.py", "qris", "bukan qris", "--amount", "1000"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert str(qris.ERROR_NOT_QRIS) in result.stderr
    assert result.stdout == ""


def test_given_a_good_payload_from_the_shell_then_exit_zero_and_payload_last():
    result = subprocess.run(
        [sys.executable, "manage.py", "qris", GOPAY_STATIC, "--amount", "15000"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0
    last = result.stdout.splitlines()[-1]
    assert last.startswith("000201010212")
    assert {f.tag: f.value for f in parse_payload(last)}["54"] == "15000"
