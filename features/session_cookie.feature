Feature: The session cookie
  The browser's only link to its session is one cookie. Django's defaults name it
  "sessionid" (SESSION_COOKIE_NAME), hide it from JavaScript (HttpOnly), keep it off
  cross-site subrequests (SameSite=Lax), send it for the whole site (Path=/) and keep
  it for two weeks (SESSION_COOKIE_AGE = 1209600 seconds).

  Background:
    Given the visitor has opened "/color/"

  Rule: The cookie is named by SESSION_COOKIE_NAME

    Scenario: The site sets one cookie, named "sessionid"
      Then the browser's only cookie is named "sessionid"

  Rule: The cookie is protected by its attributes

    Scenario Outline: The cookie is set with <attribute>
      Then the session cookie is set with <attribute>

      Examples:
        | attribute    |
        | HttpOnly     |
        | SameSite=Lax |
        | Path=/       |

    Scenario: Without SESSION_COOKIE_SECURE the cookie is also sent over plain HTTP
      Then the session cookie is set without Secure

  Rule: The cookie lasts SESSION_COOKIE_AGE

    Scenario: The cookie expires two weeks after it was set
      Then the session cookie expires 14 days after it was set
