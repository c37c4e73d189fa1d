"""Steps that look at the session cookie: in the browser's jar and in the Set-Cookie header."""

from __future__ import annotations

import secrets
import string
from http.cookies import Morsel, SimpleCookie

from playwright.sync_api import Cookie
from pytest_bdd import given, parsers, then, when

from session_steps.browser.masking import masked_set_cookie, shorten
from session_steps.browser.visitors import THE_VISITOR, Visit, Visitor, Visitors
from session_steps.steps.phrases import TEXT, THE_OR_WHOSE, WHO_ELSE, WHOSE

EXPIRY_TOLERANCE_S = 60
SECONDS_PER_DAY = 86_400
# A session key as Django makes them: 32 lowercase letters and digits.
KEY_LENGTH = 32
KEY_CHARACTERS = string.ascii_lowercase + string.digits


def session_cookie(visitor: Visitor, name: str) -> Cookie:
    cookie = visitor.cookie(name)
    names = [cookie.get("name") for cookie in visitor.cookies()]
    assert cookie is not None, f"{visitor.name}'s browser holds no {name!r} cookie (it holds {names})"
    return cookie


def masked_headers(visit: Visit) -> list[str]:
    """The response's Set-Cookie headers as a failure shows them: values cut short, a key is a password."""
    return [masked_set_cookie(header) for header in visit.set_cookie_headers]


def set_cookie_morsels(visit: Visit, name: str) -> list[Morsel[str]]:
    """The Set-Cookie headers of one response that set the cookie ``name``, parsed."""
    morsels = []
    for header in visit.set_cookie_headers:
        parsed: SimpleCookie = SimpleCookie()
        parsed.load(header)
        if name in parsed:
            morsels.append(parsed[name])
    return morsels


def last_set_cookie(visitor: Visitor, name: str) -> Morsel[str]:
    """The newest Set-Cookie header, over the visitor's responses, that set ``name``."""
    for visit in reversed(visitor.visits):
        morsels = set_cookie_morsels(visit, name)
        if morsels:
            return morsels[-1]
    raise AssertionError(f"no response to {visitor.name} set the {name!r} cookie")


def cookie_attribute(cookie: Cookie, header: Morsel[str], attribute: str) -> tuple[object, object]:
    """One attribute as the browser stored it and as the server's header said it."""
    key = attribute.lower()
    if key == "httponly":
        return cookie.get("httpOnly"), bool(header["httponly"])
    if key == "secure":
        return cookie.get("secure"), bool(header["secure"])
    if key == "samesite":
        return cookie.get("sameSite"), header["samesite"] or None
    if key == "path":
        return cookie.get("path"), header["path"] or None
    raise ValueError(f"unknown cookie attribute {attribute!r}: use HttpOnly, Secure, SameSite or Path")


def holds_no_session_cookie(visitor: Visitor, name: str) -> None:
    cookie = visitor.cookie(name)
    assert cookie is None, f"the browser holds the session cookie {cookie['name']}={shorten(cookie['value'])}"


@given(parsers.re(rf"{THE_OR_WHOSE} browser holds no session cookie"))
def _(visitors: Visitors, visitor: str | None, session_cookie_name: str) -> None:
    """The browser's cookie jar has no session cookie for the site (as a Given, of someone new: none)."""
    holds_no_session_cookie(visitors[visitor], session_cookie_name)


@then(parsers.re(rf"{THE_OR_WHOSE} browser holds no session cookie"))
def _(visitors: Visitors, visitor: str | None, session_cookie_name: str) -> None:
    """The browser's cookie jar has no session cookie for the site."""
    holds_no_session_cookie(visitors.seen(visitor), session_cookie_name)


@then(parsers.re(rf"{THE_OR_WHOSE} browser holds the session cookie"))
def _(visitors: Visitors, visitor: str | None, session_cookie_name: str) -> None:
    """The browser's cookie jar has the session cookie for the site."""
    session_cookie(visitors.seen(visitor), session_cookie_name)


@then(parsers.re(rf"the browser's only cookie is named {TEXT}"))
def _(visitors: Visitors, text: str) -> None:
    """The site set exactly one cookie, with this name."""
    names = [cookie.get("name") for cookie in visitors.seen(None).cookies()]
    assert names == [text], f"the browser holds the cookies {names}, not only {text!r}"


@then(parsers.re(r"the response sets the session cookie"))
def _(visitors: Visitors, session_cookie_name: str) -> None:
    """The last response carried a Set-Cookie header for the session cookie."""
    visit = visitors.seen(None).last_visit
    assert set_cookie_morsels(visit, session_cookie_name), f"{visit.path} set no session cookie"


@then(parsers.re(r"the response sets no cookie"))
def _(visitors: Visitors) -> None:
    """The last response carried no Set-Cookie header at all."""
    visit = visitors.seen(None).last_visit
    assert not visit.set_cookie_headers, f"{visit.path} sent Set-Cookie: {masked_headers(visit)}"


@then(parsers.re(r"the session cookie is set with (?P<attribute>[\w-]+)(?:=(?P<value>\S+))?"))
def _(visitors: Visitors, session_cookie_name: str, attribute: str, value: str | None) -> None:
    """The server's header and the browser's jar agree the cookie has this attribute (or value)."""
    visitor = visitors.seen(None)
    stored, sent = cookie_attribute(
        session_cookie(visitor, session_cookie_name), last_set_cookie(visitor, session_cookie_name), attribute
    )
    expected = value if value is not None else True
    assert sent == expected, f"the server set {attribute}={sent!r}, not {expected!r}"
    assert stored == expected, f"the browser stored {attribute}={stored!r}, not {expected!r}"


@then(parsers.re(r"the session cookie is set without (?P<attribute>[\w-]+)"))
def _(visitors: Visitors, session_cookie_name: str, attribute: str) -> None:
    """Neither the server's header nor the browser's jar gives the cookie this flag."""
    visitor = visitors.seen(None)
    stored, sent = cookie_attribute(
        session_cookie(visitor, session_cookie_name), last_set_cookie(visitor, session_cookie_name), attribute
    )
    assert not sent and not stored, f"the cookie has {attribute} (server: {sent!r}, browser: {stored!r})"


@then(parsers.re(r"the session cookie expires (?P<days>\d+) days after it was set"))
def _(visitors: Visitors, session_cookie_name: str, days: str) -> None:
    """The browser will keep the cookie this long, to within a minute."""
    visitor = visitors.seen(None)
    cookie = session_cookie(visitor, session_cookie_name)
    set_at = next(visit.at for visit in reversed(visitor.visits) if set_cookie_morsels(visit, session_cookie_name))
    lifetime = cookie.get("expires", -1) - set_at
    expected = int(days) * SECONDS_PER_DAY
    assert abs(lifetime - expected) <= EXPIRY_TOLERANCE_S, f"the cookie lives {lifetime:.0f} s, not {expected} s"


def damaged(value: str, damage: str, replacement: str | None) -> str:
    """The cookie's value with the damage a scenario names done to it."""
    if replacement is not None:
        return replacement
    if damage == "truncated":
        return value[: len(value) // 2]
    # Changed in its last character: to another letter, so the value stays a valid cookie.
    return value[:-1] + ("b" if value.endswith("a") else "a")


@when(
    parsers.re(
        rf"{WHOSE} session cookie is "
        r'(?P<damage>truncated|changed in its last character|replaced by "(?P<replacement>[^"]*)")'
    )
)
def _(visitors: Visitors, visitor: str | None, session_cookie_name: str, damage: str, replacement: str | None) -> None:
    """Damage the cookie in the browser's jar, as a visitor or an attacker editing it would."""
    owner = visitors[visitor or THE_VISITOR]
    cookie = session_cookie(owner, session_cookie_name)
    owner.put_cookie(cookie, damaged(cookie.get("value", ""), damage, replacement))


@given(parsers.re(rf"{WHO_ELSE}'s browser holds (?P<owner>[A-Z][\w-]*)'s session cookie"))
def _(visitors: Visitors, holder: str, owner: str, session_cookie_name: str) -> None:
    """Plant one visitor's session cookie in another's browser, as a session-fixation attack does."""
    cookie = session_cookie(visitors[owner], session_cookie_name)
    visitors[holder].put_cookie(cookie, cookie["value"])


@given(parsers.re(rf"{WHOSE} browser holds a made-up session key"), target_fixture="made_up_key")
def _(visitors: Visitors, visitor: str | None, session_cookie_name: str) -> str:
    """A well-formed session key the server never issued, chosen at random, as the session cookie."""
    key = "".join(secrets.choice(KEY_CHARACTERS) for _ in range(KEY_LENGTH))
    visitors[visitor or THE_VISITOR].plant_cookie(session_cookie_name, key)
    return key


@then(parsers.re(r"the response replaces the made-up key with a new one"))
def _(visitors: Visitors, session_cookie_name: str, made_up_key: str) -> None:
    """After the last response the browser holds another session cookie than the made-up key it sent."""
    visit = visitors.seen(None).last_visit
    held = visit.cookies.get(session_cookie_name)
    assert held not in (None, made_up_key), (
        f"after {visit.path} the browser holds the session cookie {held!r}, not a new key for {made_up_key!r}"
    )


@then(parsers.re(r"the response deletes the session cookie"))
def _(visitors: Visitors, session_cookie_name: str) -> None:
    """The last response set the session cookie empty and already expired: Django's delete_cookie()."""
    visit = visitors.seen(None).last_visit
    morsels = set_cookie_morsels(visit, session_cookie_name)
    assert morsels, f"{visit.path} did not set the session cookie: {masked_headers(visit)}"
    morsel = morsels[-1]
    assert morsel.value == "" and morsel["max-age"] == "0", f"{visit.path} set the cookie to {morsel.OutputString()}"


@then(parsers.re(r"the session cookie has no expiry date"))
def _(visitors: Visitors, session_cookie_name: str) -> None:
    """The cookie ends when the browser closes: no Expires or Max-Age, and the browser keeps it for the session."""
    visitor = visitors.seen(None)
    header = last_set_cookie(visitor, session_cookie_name)
    assert not header["expires"] and not header["max-age"], f"the cookie was set with {header.OutputString()}"
    expires = session_cookie(visitor, session_cookie_name).get("expires")
    assert expires == -1, f"the browser keeps the cookie until {expires}, not until it closes"
