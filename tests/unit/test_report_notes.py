"""Reading a feature file for the report: the line of each example's row."""

from __future__ import annotations

from pathlib import Path

from session_steps.report.notes import example_row_line

FEATURE = """\
Feature: Defaults

  Scenario Outline: A default
    When the visitor opens "<page>"
    Then the page reads "<text>"

    Examples: Colours
      | page          | text  |
      | /color/red/   | red   |
      | /color/green/ | green |

    Examples: Users
      | text | page      |
      | None | /user-id/ |

  Scenario Outline: Another outline
    When the visitor opens "<page>"

    Examples:
      | page         | text |
      | /color/blue/ | blue |
"""


def test_an_example_is_found_on_its_own_row_of_its_own_outline(tmp_path: Path) -> None:
    feature = tmp_path / "defaults.feature"
    feature.write_text(FEATURE)
    assert example_row_line(str(feature), 3, {"page": "/color/red/", "text": "red"}) == 9
    assert example_row_line(str(feature), 3, {"page": "/color/green/", "text": "green"}) == 10
    # A second Examples table has a header of its own, its columns in another order.
    assert example_row_line(str(feature), 3, {"page": "/user-id/", "text": "None"}) == 14
    assert example_row_line(str(feature), 16, {"page": "/color/blue/", "text": "blue"}) == 21
    # Another outline's rows are not this one's.
    assert example_row_line(str(feature), 3, {"page": "/color/blue/", "text": "blue"}) is None
