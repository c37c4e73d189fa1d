Feature: Counting visits
  A counter is the classic use of a session: read the count with a default of 0,
  add one, store it back. Each visitor counts on their own, and the count lives as
  long as the visitor keeps their session cookie and the session has not expired
  (SESSION_COOKIE_AGE, two weeks by default).

      def my_view(request):
          visits = request.session.get('visits', 0)
          visits += 1
          request.session['visits'] = visits
          return HttpResponse(f"Visit count: {visits}")

  Rule: The first visit counts as 1, and every visit after it adds one

    @lesson:practice-3
    Scenario: The first visit
      Given a new visitor
      When the visitor opens "/visits/"
      Then the page reads "Visit count: 1"
      And the visitor's session is {'visits': 1}

    @lesson:practice-3 @lesson:snapshot-4
    Scenario: Visits in a row
      Given a new visitor
      When the visitor opens "/visits/" 3 times
      Then the pages read, in turn:
        | Visit count: 1 |
        | Visit count: 2 |
        | Visit count: 3 |
      And the visitor's session is {'visits': 3}

  Rule: Every visitor has a count of their own

    @lesson:snapshot-1
    Scenario: A second visitor starts at 1 while the first goes on counting
      Given Alice has opened "/visits/" 2 times
      When Bob opens "/visits/"
      And Alice opens "/visits/" again
      Then Bob's page reads "Visit count: 1"
      And Alice's page reads "Visit count: 3"

    Scenario: A visitor who clears their cookies starts again at 1
      Given the visitor has opened "/visits/" 2 times
      When the visitor's cookies are cleared
      And the visitor opens "/visits/"
      Then the page reads "Visit count: 1"
