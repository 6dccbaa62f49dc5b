import pytest

from cogs.errors import UserFacingError
from cogs.timeline import check_years


@pytest.mark.parametrize(("start", "end"), [(None, None), (1990, 2000), (1994, 1994), (1, 9999)])
def test_valid_years_pass(start: int | None, end: int | None) -> None:
    check_years(start, end)


@pytest.mark.parametrize(("start", "end"), [(99999, None), (None, 0), (-5, 2000)])
def test_years_out_of_range_are_explained_with_an_example(start, end) -> None:
    with pytest.raises(UserFacingError, match="between 1 and 9999") as caught:
        check_years(start, end)
    assert "`/timeline start:1990 end:2000`" in str(caught.value)


def test_end_before_start_suggests_the_swapped_command() -> None:
    with pytest.raises(UserFacingError, match="before the start") as caught:
        check_years(2000, 1990)
    assert "`/timeline start:1990 end:2000`" in str(caught.value)
