"""Formatting for the report's templates: durations, and descriptions written in Gherkin."""

from __future__ import annotations

import ast
import re
import textwrap

from markupsafe import Markup, escape

# A Gherkin description marks code like Markdown does: `inline`, and blocks indented by 4.
INLINE_CODE = re.compile(r"`([^`]+)`")
CODE_INDENT = "    "


def seconds(value: float) -> str:
    """A duration as a person reads it: ``35 ms``, ``1.2 s``."""
    # Compared once rounded, so that 0.9996 s reads "1.0 s", not "1000 ms".
    if round(value * 1000) < 1000:
        return f"{value * 1000:.0f} ms"
    return f"{value:.1f} s"


def inline(text: str) -> Markup:
    """Escaped text with its `code` spans marked up."""
    return Markup(INLINE_CODE.sub(lambda match: f"<code>{match.group(1)}</code>", str(escape(text))))


def is_code(text: str) -> bool:
    """Whether a comment is a line of Python, as features quote a view's: ``favorite = request.session['color']``."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return False
    # A lone word or number parses too; a line of a view assigns, calls, subscripts or looks up.
    code = (ast.Assign, ast.AugAssign, ast.Call, ast.Subscript, ast.Attribute)
    return any(isinstance(node, code) for node in ast.walk(tree))


def note(text: str) -> Markup:
    """A comment of a feature file: a line of Python as code, else prose with its `code` spans."""
    return Markup(f"<code>{escape(text)}</code>") if is_code(text) else inline(text)


def prose(text: str) -> Markup:
    """A feature's or rule's description as HTML: paragraphs, and its code blocks kept as written.

    A rule's description comes indented as the rule is: only what is indented beyond the
    description's own margin is code.
    """
    blocks = re.split(r"\n\s*\n", textwrap.dedent(text).strip("\n"))
    html = []
    for block in blocks:
        lines = block.splitlines()
        if not block.strip():
            continue  # blank lines alone are no paragraph, nor an empty code block
        if all(line.startswith(CODE_INDENT) or not line.strip() for line in lines):
            html.append(f"<pre><code>{escape(textwrap.dedent(block))}</code></pre>")
        else:
            html.append(f"<p>{inline(' '.join(line.strip() for line in lines))}</p>")
    return Markup("\n".join(html))


def first_sentence(text: str) -> str:
    """The start of a description, for the index: its first sentence."""
    paragraph = " ".join(text.strip().split("\n\n")[0].split())
    match = re.match(r"(.+?\.)(\s|$)", paragraph)
    return match.group(1) if match else paragraph
