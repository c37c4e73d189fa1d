Feature: The theme
  Every page says which theme the visitor sees. The "Dark theme" link keeps their choice
  in the session and takes them back to the page they were on; until they choose, every
  page is light and nothing is stored.

  Rule: A chosen theme is kept for every later page

    Scenario: Choosing the dark theme takes the visitor back where they were
      Given the visitor has opened "/"
      When the visitor clicks "Dark theme"
      Then the visitor was redirected from "/prefs/theme/dark/"
      And the visitor is on "/"
      And the page shows "Theme: dark"

    Scenario: The theme's link names the page to go back to
      Given the visitor has opened "/checkout/"
      When the visitor clicks "Dark theme"
      Then the visitor was redirected from "/prefs/theme/dark/?next=/checkout/"
      And the visitor is on "/checkout/"

    Scenario: The visitor comes back to the page's address, query and all
      Given the visitor has opened "/?ref=newsletter"
      When the visitor clicks "Dark theme"
      Then the visitor is on "/?ref=newsletter"
      # A path without a query is the page's, whatever query its address has.
      And the visitor is on "/"

    Scenario: The dark theme is shown on later pages
      Given the visitor has opened "/"
      And the visitor has clicked "Dark theme"
      When the visitor opens "/checkout/"
      Then the page shows "Theme: dark"
      And the visitor's session is {'preferences': {'theme': 'dark'}}

  Rule: A visitor who chooses nothing gets the light theme and no session

    Scenario: Pages without a choice are light and store nothing
      Given a new visitor
      When the visitor opens "/basket/"
      Then the page shows "Theme: light"
      And the browser holds no session cookie
      And the server stores no new session
