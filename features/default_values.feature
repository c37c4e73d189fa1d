Feature: Default values
  `request.session.get(key, default)` returns the default when the session does not
  hold the key, exactly like a dictionary's get(). Square brackets have no default:
  reading a missing key with `request.session[key]` raises KeyError, and Django
  answers the request with a server error.

  Rule: get() returns the default given to it for a key that was never stored

    @lesson:key-moment-1 @lesson:quiz-3 @lesson:practice-2 @lesson:snapshot-3
    Scenario Outline: Reading a missing key with get(<code>)
      Given a new visitor
      When the visitor opens "<page>"
      Then the page reads "<text>"

      Examples:
        | code             | page                  | text                    |
        | 'color', 'red'   | /color/default-red/   | Favorite color is red   |
        | 'color', 'green' | /color/default-green/ | Favorite color is green |
        | 'user_id', None  | /user-id/             | User id is None         |

    @lesson:key-moment-1 @lesson:snapshot-3
    Scenario: Reading a key that was stored returns the stored value, not the default
      Given the visitor has opened "/color/"
      When the visitor opens "/color/default-green/"
      Then the page reads "Favorite color is blue"

  Rule: Square brackets have no default

    @server-error @lesson:key-moment-1
    Scenario: Reading a missing key with brackets fails and stores nothing
      # favorite = request.session['color']
      Given a new visitor
      When the visitor opens "/color/brackets/"
      Then the visitor gets a server error
      And the browser holds no session cookie
      And the server stores no new session

    @lesson:key-moment-1
    Scenario: Brackets read a key that was stored
      Given the visitor has opened "/color/"
      When the visitor opens "/color/brackets/"
      Then the page reads "Favorite color is blue"

    @server-error @lesson:practice-4
    Scenario: A default inside the brackets is part of the key, not a default
      # `user = request.session['user', 'guest']` looks up the tuple `('user', 'guest')`.
      Given a new visitor
      When the visitor opens "/user/"
      Then the visitor gets a server error
      And the browser holds no session cookie
