Feature: The session is saved when the response is sent
  Setting `request.session['color'] = 'blue'` changes a dictionary in memory; nothing
  reaches the browser or the store yet. Django's SessionMiddleware saves the session
  as the response goes out, and only if the view changed it (unless
  SESSION_SAVE_EVERY_REQUEST is set), and never for a server error. The browser gets
  the session cookie with that response.

  Rule: Only a response whose view changed the session saves it and sends the cookie

    Scenario: A page that only reads sends no session cookie
      Given a new visitor
      When the visitor opens "/color/default-red/"
      Then the response sets no cookie
      And the browser holds no session cookie

    Scenario: A first visit to a page that only reads stores nothing
      Given a new visitor
      When the visitor opens "/color/default-red/"
      Then the page reads "Favorite color is red"
      And the server stores no new session

    @lesson:execution-step-5 @lesson:key-moment-2 @lesson:snapshot-5
    Scenario: A page that stores something sends the session cookie with its response
      Given a new visitor
      When the visitor opens "/color/"
      Then the response sets the session cookie
      And the visitor's session is {'color': 'blue'}

  Rule: What a request stores, the next request reads

    @lesson:key-moment-2 @lesson:snapshot-4
    Scenario: A value stored by one page is read by the next
      # The first page stores 'color'; the second only reads it, with a default of 'red':
      # favorite = request.session.get('color', 'red')
      Given the visitor has opened "/color/"
      When the visitor opens "/color/default-red/"
      Then the page reads "Favorite color is blue"
      And the response sets no cookie

  Rule: A request that ends in a server error saves nothing

    @server-error @lesson:key-moment-2 @lesson:snapshot-5
    Scenario: A value stored before the view fails is lost
      # request.session['color'] = 'blue'
      # `user = request.session['user', 'guest']` raises KeyError
      Given a new visitor
      When the visitor opens "/color/then-fail/"
      Then the visitor gets a server error
      And the browser holds no session cookie
      And the server stores no new session

  Rule: With a server-side engine the cookie carries a key, not the data

    @engine:db @engine:cached_db @engine:cache @engine:file
    Scenario: The cookie holds only the session key
      Given a new visitor
      When the visitor opens "/color/"
      Then the session cookie carries only the session key
