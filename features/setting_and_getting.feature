Feature: Setting and getting session data
  Django gives every visitor a session: a dictionary-like store that follows the
  visitor from request to request by way of one cookie. Where its data is kept is
  SESSION_ENGINE's choice: on the server (the database, by default), or with signed
  cookies in that cookie itself (see "Where the session lives, engine by engine").
  A view writes to it like a dictionary, `request.session['color'] = 'blue'`, and
  reads it back safely with `request.session.get('color', 'red')`.

  The site's page /color/ runs the lesson's example as written:

      def view(request):
          request.session['color'] = 'blue'
          favorite = request.session.get('color', 'red')
          return HttpResponse(f"Favorite color is {favorite}")

  Rule: A value set in a view can be read back in the same view

    @lesson:example @lesson:execution-step-1 @lesson:execution-step-2 @lesson:execution-step-3
    @lesson:execution-step-4 @lesson:execution-step-5 @lesson:tracker-session @lesson:tracker-favorite
    @lesson:quiz-1 @lesson:quiz-2 @lesson:practice-1 @lesson:snapshot-2
    Scenario: The lesson's example, step by step
      # Step 1 of the execution table: the request arrives and the session is empty.
      Given a new visitor
      And the browser holds no session cookie
      And the visitor's session is {}
      # Steps 2 and 3: 'color' is set to 'blue', then read back with get().
      When the visitor opens "/color/"
      # Step 4: the response is made from the value read back.
      Then the page reads "Favorite color is blue"
      # Step 5: the response is sent; the session is saved and its cookie goes with it.
      And the visitor's session is {'color': 'blue'}
      And the browser holds the session cookie

  Rule: The session follows its visitor by way of their cookie

    @lesson:snapshot-4
    Scenario: What one request stores, the visitor's next request reads
      Given the visitor has opened "/color/"
      When the visitor opens "/color/default-red/"
      Then the page reads "Favorite color is blue"

    @lesson:snapshot-1
    Scenario: Another visitor has a session of their own
      Given Alice has opened "/color/"
      When Bob opens "/color/default-red/"
      Then Bob's page reads "Favorite color is red"
      And Bob's browser holds no session cookie
