Feature: What a site can rely on: sessions under attack, at their limits, and in a race
  The session cookie is the only thing that ties a browser to its data, so anyone who
  can guess, forge, plant or replay one can act as someone else. Django defends the
  session at every step: the cookie is hidden from scripts, a cookie it did not issue
  loads as a new empty session, logging in gives a new key and logging out forgets
  everything. Some limits are Django's on purpose: the session is not a transaction,
  and a signed cookie can carry no more than a browser keeps.

  Django sets Secure from SESSION_COOKIE_SECURE whatever the scheme, so the flag is
  specified over plain HTTP; over HTTPS (a certificate made for the run), the secure
  cookie is also shown to carry the session from one request to the next. A browser
  sends a Secure cookie to 127.0.0.1 over plain HTTP too, as it trusts the loopback
  address, so refusing it over HTTP cannot be shown on one machine.

  Rule: The cookie is out of reach of scripts and of other sites

    Scenario: The session cookie is HttpOnly and SameSite=Lax
      When the visitor opens "/color/"
      Then the session cookie is set with HttpOnly
      And the session cookie is set with SameSite=Lax

    @needs_site_settings
    Scenario: With SESSION_COOKIE_SECURE the cookie is Secure
      Given the site sets SESSION_COOKIE_SECURE = True
      When the visitor opens "/color/"
      Then the session cookie is set with Secure

    @needs_site_settings
    Scenario: Over HTTPS the Secure cookie carries the session
      Given the site sets SESSION_COOKIE_SECURE = True
      And the site is served over HTTPS
      When the visitor opens "/visits/" 2 times
      Then the page reads "Visit count: 2"
      And the session cookie is set with Secure

  Rule: A cookie the site did not issue gives a new, empty session, never an error

    Scenario Outline: A session cookie that was <damage> loads as an empty session
      Given the visitor has opened "/visits/" 2 times
      When the visitor's session cookie is <damage>
      And the visitor opens "/visits/"
      Then the page reads "Visit count: 1"

      Examples:
        | damage                              |
        | truncated                           |
        | changed in its last character       |
        | replaced by "garbage"               |
        | replaced by "../../../../etc/hosts" |

  Rule: Django never adopts a session key it did not issue

    @engine:db @engine:cached_db @engine:cache @engine:file
    Scenario: A made-up session key loads an empty session, and the response gives a new key
      Given the visitor's browser holds a made-up session key
      When the visitor opens "/visits/"
      Then the page reads "Visit count: 1"
      And the response replaces the made-up key with a new one
      And the session cookie carries only the session key

    Scenario: Two visitors who send the same made-up key share nothing
      Given Alice's browser holds a made-up session key
      And Bob's browser holds Alice's session cookie
      And Alice has opened "/note/write/?text=Alice's secret"
      When Bob opens "/note/"
      Then Bob's page reads "Your note: (none)"

  Rule: A server error shows the visitor nothing of the code or the session

    @server-error
    Scenario: The error page is Django's plain one, not a traceback
      Given a new visitor
      When the visitor opens "/color/then-fail/"
      Then the visitor gets a server error
      And the page reads "Server Error (500)"

  Rule: Visitors never see each other's data

    @lesson:snapshot-1
    Scenario: Two visitors keep notes of their own
      Given Alice has opened "/note/write/?text=Alice's secret"
      And Bob has opened "/note/write/?text=Bob's secret"
      When Alice opens "/note/"
      Then Alice's page reads "Your note: Alice's secret"
      And Bob's session is {'note': "Bob's secret"}

    @lesson:snapshot-1
    Scenario: A visitor who wrote nothing reads nothing of anyone else's
      Given Alice has opened "/note/write/?text=Alice's secret"
      When Bob opens "/note/"
      Then the page reads "Your note: (none)"

  Rule: Logging in gives the session a new key and keeps its data

    Scenario: The key changes at login, the data stays
      Given the visitor has opened "/color/"
      When the visitor opens "/login/"
      Then the page reads "Logged in as demo"
      And the session cookie has changed
      And the visitor's session includes {'color': 'blue'}

    Scenario: A session key planted before login is worth nothing after it
      Given Mallory has opened "/color/"
      And Alice's browser holds Mallory's session cookie
      And Alice has opened "/login/"
      When Mallory opens "/whoami/"
      Then Mallory's page reads "Anonymous"

    Scenario: After login the site knows who the visitor is
      Given the visitor has opened "/login/"
      When the visitor opens "/whoami/"
      Then the page reads "Logged in as demo"

  Rule: Logging out forgets the session and deletes the cookie

    Scenario: After logout the data is gone and the cookie deleted
      Given the visitor has opened "/color/"
      And the visitor has opened "/login/"
      When the visitor opens "/logout/"
      Then the page reads "Logged out"
      And the response deletes the session cookie
      And the browser holds no session cookie

    @engine:db @engine:cached_db @engine:cache @engine:file
    Scenario: A server-side session is deleted from the store at logout
      Given the visitor has opened "/login/"
      When the visitor opens "/logout/"
      Then the session the visitor had before is no longer stored

  Rule: A session ends with the browser, or when it is older than its age

    Scenario: set_expiry(0) gives a cookie that ends with the browser
      When the visitor opens "/visits/until-browser-closes/"
      Then the session cookie has no expiry date

    @needs_site_settings
    Scenario: A session past SESSION_COOKIE_AGE comes back empty, even if its cookie is replayed
      Given the site's sessions last 2 seconds
      And the visitor has opened "/color/"
      When the session is older than its age and the visitor's browser sends its cookie again
      And the visitor opens "/color/default-red/"
      Then the page reads "Favorite color is red"

  Rule: Text comes back exactly as it was stored, and is shown as text

    Scenario: A note is stored in the session as it was written
      When the visitor opens "/note/write/?text=Hello"
      Then the page reads "Noted"
      And the visitor's session is {'note': 'Hello'}

    Scenario: HTML in a value is shown escaped, as text
      Given the visitor has opened "/note/write/?text=<b>bold</b>"
      When the visitor opens "/note/"
      Then the page reads "Your note: <b>bold</b>"
      And the page has no "b" element

    Scenario: Unicode survives the round trip
      Given the visitor has opened "/note/write/?text=Grüße, 日本, ☕"
      When the visitor opens "/note/"
      Then the page reads "Your note: Grüße, 日本, ☕"
      And the visitor's session is {'note': 'Grüße, 日本, ☕'}

  Rule: A signed cookie holds no more than a browser keeps: about 4 KB

    @engine:db @engine:cached_db @engine:cache @engine:file
    Scenario: A server-side engine keeps a large value
      Given the visitor has opened "/note/random/6000/"
      When the visitor opens "/note/"
      Then the page shows a note of 6000 characters

    @engine:signed_cookies
    Scenario: With signed_cookies the browser drops a cookie too large to keep, silently
      Given a new visitor
      When the visitor opens "/note/random/6000/"
      Then the page reads "Noted 6000 characters"
      And the response sets the session cookie
      And the browser holds no session cookie

  Rule: Two requests of one visitor that overlap: the last to save wins

    Scenario: The slower request saves the session it loaded, undoing the faster one
      Given the visitor has opened "/visits/"
      When the visitor opens "/color/" in a second tab while "/visits/slow/" waits in the first
      Then the first tab reads "Visit count: 2"
      And the visitor's session is {'visits': 2}

    Scenario: On a first visit the two requests make two sessions, and the last cookie wins
      Given a new visitor
      When the visitor opens "/color/" in a second tab while "/visits/slow/" waits in the first
      Then the first tab reads "Visit count: 1"
      And the visitor's session is {'visits': 1}
