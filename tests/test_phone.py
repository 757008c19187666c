"""Phone rules shared by the client's validation and the server's."""

import pytest

from guide_core.phone import InvalidPhone, mask_phone, normalize_cn_mobile


@pytest.mark.parametrize(
    "raw",
    [
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "+86 138 1234 5678",
        "008613812345678",
        "8613812345678",
        "１３８１２３４５６７８",
        "(138)12345678",
    ],
)
def test_accepts_the_ways_numbers_arrive(raw):
    assert normalize_cn_mobile(raw) == "13812345678"


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("12345", "11位"),
        ("12812345678", "13-19"),
        ("1381234567a", "数字"),
        ("", "不能为空"),
        ("  ", "不能为空"),
        ("138123456789", "11位"),
        ("10012345678", "13-19"),
    ],
)
def test_rejects_with_a_message_naming_the_problem(raw, says):
    with pytest.raises(InvalidPhone) as exc:
        normalize_cn_mobile(raw)
    assert says in str(exc.value)


def test_mask_keeps_prefix_and_last_four():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("138****5678") == "138****5678"
    assert mask_phone("") == ""
