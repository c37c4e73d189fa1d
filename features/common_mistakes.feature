Feature: Common mistakes
  A session is used like a dictionary. The methods people reach for by analogy with
  other frameworks do not exist: each raises AttributeError, Django answers with a
  server error, and nothing is stored.

  Rule: A method that the session or the request does not have fails, and stores nothing

    @server-error @lesson:practice-1 @lesson:practice-2
    Scenario Outline: <code> does not exist
      Given a new visitor
      When the visitor opens "<page>"
      Then the visitor gets a server error
      And the browser holds no session cookie
      And the server stores no new session

      Examples:
        | code                                          | page                     |
        | request.session.set('favorite_color', 'blue') | /mistakes/session-set/   |
        | request.set_session('favorite_color', 'blue') | /mistakes/set-session/   |
        | request.session.fetch('user_id', None)        | /mistakes/session-fetch/ |
