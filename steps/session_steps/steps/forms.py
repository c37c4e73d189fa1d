"""Steps that use the page as a person does: pressing buttons and links, filling in and sending forms.

Elements are found as a person finds them, by their accessible name or label, never by
CSS. Whatever makes a request goes through ``Visitor.act``, so the cookie steps and the
report see each response, redirects included.
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page
from pytest_bdd import given, parsers, when

from session_steps.browser.visitors import Visitors
from session_steps.steps.phrases import WHO

LABEL = r'"(?P<label>[^"]*)"'
VALUE = r'"(?P<value>[^"]*)"'


def button_or_link(page: Page, name: str) -> Locator:
    """The one button or link whose accessible name is exactly ``name``."""
    return page.get_by_role("button", name=name, exact=True).or_(page.get_by_role("link", name=name, exact=True))


def field(page: Page, label: str) -> Locator:
    """The one form field whose label is exactly ``label``."""
    return page.get_by_label(label, exact=True)


def form(page: Page, name: str | None) -> Locator:
    """The form named ``name`` (its accessible name), or the page's only form."""
    return page.get_by_role("form", name=name, exact=True) if name is not None else page.locator("form")


@given(parsers.re(rf'{WHO} has (?P<verb>pressed|clicked) "(?P<name>[^"]*)"'))
@when(parsers.re(rf'{WHO} (?P<verb>presses|clicks) "(?P<name>[^"]*)"'))
def _(visitors: Visitors, visitor: str, verb: str, name: str) -> None:
    """Press the button or follow the link with this accessible name, and wait for the page it opens."""
    acting = visitors[visitor]
    # Failures name the action as the feature does: 'clicking "Dark theme" was not redirected'.
    doing = "clicking" if verb.startswith("click") else "pressing"
    acting.act(f'{doing} "{name}"', button_or_link(acting.page, name).click)


@given(parsers.re(rf"{WHO} has filled in {LABEL} with {VALUE}"))
@when(parsers.re(rf"{WHO} fills in {LABEL} with {VALUE}"))
def _(visitors: Visitors, visitor: str, label: str, value: str) -> None:
    """Type this value into the field with this label, replacing what it held."""
    field(visitors[visitor].page, label).fill(value)


@given(parsers.re(rf"{WHO} has selected {VALUE} from {LABEL}"))
@when(parsers.re(rf"{WHO} selects {VALUE} from {LABEL}"))
def _(visitors: Visitors, visitor: str, value: str, label: str) -> None:
    """Choose the option shown as this text in the drop-down list with this label."""
    field(visitors[visitor].page, label).select_option(label=value)


@given(parsers.re(rf"{WHO} has (?P<action>chosen|ticked|unticked) {LABEL}"))
@when(parsers.re(rf"{WHO} (?P<action>chooses|ticks|unticks) {LABEL}"))
def _(visitors: Visitors, visitor: str, action: str, label: str) -> None:
    """Choose the radio button, or tick or untick the checkbox, with this label."""
    target = field(visitors[visitor].page, label)
    if action.startswith("untick"):
        target.uncheck()
    else:
        target.check()


@when(parsers.re(rf'{WHO} submits the (?:"(?P<name>[^"]*)" )?form'))
def _(visitors: Visitors, visitor: str, name: str | None) -> None:
    """Send the page's only form (or the one with this accessible name) as its button would; wait for the answer."""
    acting = visitors[visitor]
    target = form(acting.page, name)

    def submit() -> None:
        with acting.page.expect_navigation():
            # requestSubmit() validates the form and fires its submit event, as a button does.
            target.evaluate("form => form.requestSubmit()")

    acting.act("submitting the form" if name is None else f'submitting the "{name}" form', submit)
