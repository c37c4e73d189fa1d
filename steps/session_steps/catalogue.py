"""The catalogue of every step phrase the plugin defines, generated from the step code.

``python -m session_steps.catalogue`` prints it as Markdown; ``docs/steps.md`` is that
output, kept in sync by a test.
"""

from __future__ import annotations

import importlib
import inspect
import re
from dataclasses import dataclass, field

from session_steps.bdd_compat import step_function_context_registry
from session_steps.plugin import PLUGIN_MODULES

# The step modules the plugin registers, in its order.
STEP_MODULES = tuple(module for module in PLUGIN_MODULES if module.startswith("session_steps.steps."))

HEADER = """\
# Step catalogue

Every step phrase of django-session-spec, generated from the step definitions by
`python -m session_steps.catalogue`. In a phrase, `<name>` is a parameter, `[...]` is
optional and `(a|b)` is a choice. A `<visitor>` is "the visitor" or a capitalised name
("Alice"); each name is a browser context of its own.
"""


FOOTER = """\
## Writing a step of your own

A step of your project's own lives in a `conftest.py` (or a module it names in
`pytest_plugins`) beside the catalogue's, and works with them: it asks for the same
fixtures, and any request it makes goes through `Visitor.act`, so that the cookie steps
("the response sets the session cookie") and the report see every response to it.

What a step may use, all importable from `session_steps`:

- `Visitors`, the `visitors` fixture: `visitors["Alice"]` is Alice, a browser context of
  her own made when first named (in a Given or a When); `visitors.seen("Alice")` is Alice
  only if she has acted, and `visitors.seen(None)` whoever acted last: a Then step reads
  through `seen`, so that it never passes by looking at a fresh browser.
- `Visitor`: `page` (Playwright's `Page`), `open(path)`, `act(what, action)` for any other
  interaction (a click, a form, a script's `fetch`), `cookie(name)`, `cookies()`,
  `visits` and `last_visit`.
- `Visit`, the record of one action: `status` (of the last page), `text` (what a person
  sees, `innerText`), `set_cookie_headers` (of every response, redirects included),
  `cookies` and `cookies_before` (the jar after and before), `responses` and `redirects`
  (each an `Exchange`: `url`, `path`, `status`, `set_cookie_headers`, and `trace`, what
  the request did to its session as the run's own server traced it, in JSON, while
  `--session-report` is on; None otherwise). A request your step makes through `act`
  shows in the report's execution table like the catalogue's own.
- `WHO`, `WHOSE`, `THE_OR_WHOSE`, `PATH` and `TEXT`, the pieces of the catalogue's phrases,
  and `python_literal`, so that your phrases read like these.
- The fixtures `site` (`url`, `cookie_name`, `setting(name)`), `session_store` (`load(key)`,
  `exists(key)`, `start(data)`) and `session_cookie_name`; `pytest --fixtures` shows each
  one's docstring.

A complete example: a script on the page adds an item with `fetch()`, without loading a
page. `act` records every response the site gives the action, and waits for a request a
script of the page sent to the site during it (`fetch`, `XMLHttpRequest`) until it is
answered or has failed, as long as `--navigation-timeout` allows:

```python
# conftest.py
from pytest_bdd import parsers, when

from session_steps import WHO, Visitors


@when(parsers.re(rf"{WHO} adds an item in the background"))
def _(visitors: Visitors, visitor: str) -> None:
    \"\"\"A script on the page adds an item to the basket, as an "Add" button that loads no page would.\"\"\"
    shopper = visitors[visitor]
    # The page's own address, /basket/add/, asked for again by a script.
    shopper.act("adding an item in the background", lambda: shopper.page.evaluate("() => { fetch(location.pathname) }"))
```

```gherkin
Feature: The basket
  Scenario: An item added by a script is kept
    Given the visitor has opened "/basket/add/"
    When the visitor adds an item in the background
    Then the response sets the session cookie
    And the visitor's session key is unchanged
    And the visitor's session is {'items': 2}
    And the page reads "1 items in the basket"
```

The page still shows what it showed: the script loaded none. Without `act`, the cookie
steps would read the response to the page opened before, and "the session key is
unchanged" would find no cookie before that first page. The catalogue's own actions go
through `act` too: pressing a button whose script asks the site ("Save Tea for later" in
the example shop) records the script's response as this step does.
"""

KEYWORD_ORDER = ("Given", "When", "Then", "Step")


@dataclass
class StepEntry:
    """One step phrase: the keywords it serves, its parameters and what it means."""

    phrase: str
    meaning: str
    module: str
    keywords: list[str] = field(default_factory=list)


def closing_paren(pattern: str, start: int) -> int:
    """The index of the parenthesis that closes the one at ``start``."""
    depth = 0
    index = start
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    raise ValueError(f"unbalanced parentheses in {pattern!r}")


def readable(pattern: str) -> str:
    """A step regex as a person reads it: groups become ``<name>``, optional parts ``[...]``."""
    out = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            out.append(pattern[index + 1])
            index += 2
            continue
        if char != "(":
            optional_char = pattern[index + 1 : index + 2] == "?"
            out.append(f"[{char}]" if optional_char else char)
            index += 2 if optional_char else 1
            continue
        end = closing_paren(pattern, index)
        inner = pattern[index + 1 : end]
        optional = pattern[end + 1 : end + 2] == "?"
        if inner.startswith("?P<"):
            name, body = inner[3:].split(">", 1)
            # A group that only chooses between words shows the words.
            text = f"({body})" if re.fullmatch(r"[\w ']+(\|[\w ']+)+", body) else f"<{name}>"
        else:
            text = readable(inner.removeprefix("?:"))
            if "|" in text and not optional:
                text = f"({text})"
        out.append(f"[{text}]" if optional else text)
        index = end + (2 if optional else 1)
    return "".join(out)


def entries() -> list[StepEntry]:
    """Every step phrase the plugin defines, in the order of its modules and their source."""
    for module in STEP_MODULES:
        importlib.import_module(module)
    found: dict[str, StepEntry] = {}
    for context in step_function_context_registry.values():
        module = getattr(context.step_func, "__module__", "")
        if module not in STEP_MODULES:
            continue
        phrase = readable(str(getattr(context.parser, "name", "")))
        doc = inspect.getdoc(context.step_func) or ""
        entry = found.setdefault(phrase, StepEntry(phrase, doc.splitlines()[0] if doc else "", module))
        entry.keywords.append((context.type or "step").capitalize())
    order = {module: position for position, module in enumerate(STEP_MODULES)}
    return sorted(found.values(), key=lambda entry: order[entry.module])


def cell(text: str) -> str:
    """Text made safe for a Markdown table cell."""
    return text.replace("|", "\\|")


def markdown() -> str:
    """The catalogue as a Markdown page."""
    lines = [HEADER]
    for module in STEP_MODULES:
        section = [entry for entry in entries() if entry.module == module]
        title = importlib.import_module(module).__doc__ or module
        lines += [f"## {module.rsplit('.', 1)[-1]}: {title.strip()}", "", "| step | means |", "| --- | --- |"]
        for entry in section:
            keywords = "/".join(sorted(set(entry.keywords), key=KEYWORD_ORDER.index))
            lines.append(f"| {keywords} `{cell(entry.phrase)}` | {cell(entry.meaning)} |")
        lines.append("")
    lines.append(FOOTER)
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown(), end="")
