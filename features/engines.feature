Feature: Where the session lives, engine by engine
  SESSION_ENGINE decides where Django keeps session data. Every scenario without
  an @engine: tag holds on every engine: this feature specifies where engines differ.
  A scenario tagged @engine:NAME states a fact of that engine only, and fails on the
  others.

  The server-side engines (db, cached_db, cache, file) give the browser a session key
  and keep the data on the server. signed_cookies keeps the data in the cookie itself,
  signed with SECRET_KEY so it cannot be forged, but not encrypted.

  Rule: With signed_cookies the cookie carries the data: signed, readable, not encrypted

    @engine:signed_cookies
    Scenario: Anyone can read the data in the cookie
      Given a new visitor
      When the visitor opens "/color/"
      Then the session cookie's value reads {'color': 'blue'} without the secret key

    @engine:signed_cookies
    Scenario: Anyone can read the data in the cookie, even where Django compressed it
      Django compresses the payload when that makes the cookie shorter: no secret either.

      Given a new visitor
      When the visitor opens "/note/write/?text=blah blah blah blah blah blah"
      Then the session cookie's value reads {'note': 'blah blah blah blah blah blah'} without the secret key

    @engine:signed_cookies
    Scenario: The cookie's value changes whenever the data changes
      Given the visitor has opened "/visits/"
      When the visitor opens "/visits/" again
      Then the session cookie has changed
      And the session cookie's value reads {'visits': 2} without the secret key

    @engine:signed_cookies
    Scenario: A cookie edited without the secret key loads as an empty session
      Given the visitor has opened "/visits/" 2 times
      When the visitor's session cookie is rewritten to carry {'visits': 100, 'is_staff': True}
      And the visitor opens "/visits/"
      Then the page reads "Visit count: 1"

  Rule: Server-side engines keep the session key while the data changes

    @engine:db @engine:cached_db @engine:cache @engine:file
    Scenario: The cookie's value stays the same across requests
      Given the visitor has opened "/visits/"
      When the visitor opens "/visits/" again
      Then the session cookie is unchanged
      And the session cookie carries only the session key
      And the visitor's session is {'visits': 2}

  Rule: The file engine keeps one file per session in SESSION_FILE_PATH

    @engine:file
    Scenario: Each visitor's session is a file of its own
      Given Alice has opened "/visits/"
      When Bob opens "/visits/"
      Then SESSION_FILE_PATH holds one file per visitor, named after their session key

  Rule: Clearing the cache ends cache sessions; cached_db sessions survive it

    @engine:cache
    Scenario: With the cache engine the session is gone with the cache
      Given the visitor has opened "/visits/" 2 times
      And the server's cache holds the visitor's session
      When the server's cache is cleared
      And the visitor opens "/visits/"
      Then the page reads "Visit count: 1"

    @engine:cached_db
    Scenario: With cached_db the database still holds the session
      Given the visitor has opened "/visits/" 2 times
      And the server's cache holds the visitor's session
      When the server's cache is cleared
      And the visitor opens "/visits/"
      Then the page reads "Visit count: 3"
