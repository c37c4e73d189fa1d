"""The values and tables a step phrase takes."""

from __future__ import annotations

import pytest

from session_steps.steps.phrases import python_literal, table_column


@pytest.mark.parametrize(
    ("text", "value"),
    [("{'color': 'blue'}", {"color": "blue"}), ("1", 1), ("None", None), ("[]", []), ("'a b'", "a b")],
)
def test_a_value_is_read_as_python_writes_it(text: str, value: object) -> None:
    assert python_literal(text) == value


@pytest.mark.parametrize("text", ["blue", "", "{'a': ", "open('x')"])
def test_what_is_no_python_literal_is_refused_naming_it(text: str) -> None:
    with pytest.raises(ValueError, match="is not a Python literal") as refused:
        python_literal(text)
    assert str(refused.value) == f"{text!r} is not a Python literal"


def test_a_one_column_table_gives_its_cells_in_order() -> None:
    assert table_column([["Last page: None"], ["Last page: /a/"]]) == ["Last page: None", "Last page: /a/"]
    assert table_column([]) == []


@pytest.mark.parametrize("table", [[["a", "b"]], [["a"], ["b", "c"]], [[]]])
def test_a_table_of_other_widths_is_refused(table: list[list[str]]) -> None:
    with pytest.raises(ValueError, match="this step takes a table of one column"):
        table_column(table)
