Feature: Remembering the last page, where order matters
  To show a visitor the page they came from, a view must read the stored value
  before it stores the current one. The lesson's right answer gets first, with a
  default, then sets:

      last = request.session.get('last_page', 'None')
      request.session['last_page'] = request.path

  Every page under /pages/ runs that code and shows "Last page: {last}".

  Rule: Get the old value first, then store the current page

    @lesson:practice-5
    Scenario: The first page has no predecessor
      Given a new visitor
      When the visitor opens "/pages/first/"
      Then the page reads "Last page: None"
      And the visitor's session is {'last_page': '/pages/first/'}

    @lesson:practice-5 @lesson:snapshot-4
    Scenario: Each page shows the one before it
      Given a new visitor
      When the visitor opens these pages in turn:
        | /pages/first/  |
        | /pages/second/ |
        | /pages/third/  |
      Then the pages read, in turn:
        | Last page: None           |
        | Last page: /pages/first/  |
        | Last page: /pages/second/ |

  Rule: The wrong orders lose the previous page or fail

    @lesson:practice-5
    Scenario: Setting before getting shows the current page, not the previous one
      # request.session['last_page'] = request.path
      # last = request.session.get('last_page', 'None')
      Given the visitor has opened "/set-first/first/"
      When the visitor opens "/set-first/second/"
      Then the page reads "Last page: /set-first/second/"

    @server-error @lesson:practice-5 @lesson:key-moment-1
    Scenario: Reading with brackets first fails on a first visit
      # last = request.session['last_page']
      # request.session['last_page'] = request.path
      Given a new visitor
      When the visitor opens "/brackets-first/first/"
      Then the visitor gets a server error
      And the server stores no new session

    @lesson:practice-5
    Scenario: Reading with brackets first works once a last page is stored
      # Brackets only fail for a missing key: after another page stored one, they read it.
      Given the visitor has opened "/pages/first/"
      When the visitor opens these pages in turn:
        | /brackets-first/second/ |
        | /brackets-first/third/  |
      Then the pages read, in turn:
        | Last page: /pages/first/           |
        | Last page: /brackets-first/second/ |
