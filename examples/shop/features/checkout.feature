Feature: The checkout
  Checking out takes three pages: the name, then the city and the delivery, then the
  confirmation. Each page's answers are kept in the session until the order is placed;
  placing it ends the checkout and gives the session a new key.

  Rule: Each step of the checkout is kept until the order is placed

    Scenario: The checkout starts from the basket
      Given the visitor has opened "/"
      And the visitor has pressed "Add Tea"
      When the visitor clicks "Checkout"
      Then the visitor is on "/checkout/"
      And the visitor was not redirected

    Scenario: A visitor who skips the first step is sent back to it
      When the visitor opens "/checkout/city/"
      Then the visitor was redirected
      And the page shows "Checkout: who is it for?"

    Scenario: A step sent without its button still moves on to the next
      Given the visitor has opened "/checkout/"
      When the visitor fills in "Name" with "Di"
      And the visitor submits the form
      Then the visitor is on "/checkout/city/"

    Scenario: The first step is filled in again when the visitor comes back to it
      Given the visitor has opened "/checkout/"
      And the visitor has filled in "Name" with "Di"
      And the visitor has pressed "Continue"
      When the visitor opens "/checkout/"
      Then the field "Name" holds "Di"
      And the visitor's session is {'checkout': {'name': 'Di'}}

    Scenario: The confirmation sums up every step
      Given the visitor has opened "/checkout/"
      And the visitor has filled in "Name" with "Di"
      And the visitor has pressed "Continue"
      When the visitor selects "Rome" from "City"
      And the visitor chooses "Express delivery"
      And the visitor presses "Continue"
      Then the visitor is on "/checkout/confirm/"
      And the element with test id "summary" reads "Order for Di in Rome, express delivery."

  Rule: Placing the order ends the checkout under a new session key

    Background:
      Given the visitor has opened "/checkout/"
      And the visitor has filled in "Name" with "Di"
      And the visitor has pressed "Continue"
      And the visitor has selected "Rome" from "City"
      And the visitor has chosen "Express delivery"

    Scenario: The order is placed with the answers of every step
      When the visitor presses "Continue"
      And the visitor ticks "Gift wrap"
      And the visitor presses "Place order"
      Then the visitor is on "/thanks/"
      And the page shows "Thank you Order for Di in Rome, express delivery. Gift wrapped."

    Scenario: The confirmation is followed by the receipt, which comes a moment after the page starts
      When the visitor presses "Continue"
      And the visitor presses "Place order"
      Then the pages read, in turn:
        | Products Your basket Checkout Checkout: your order Order for Di in Rome, express delivery. Gift wrap Place order Theme: light Light theme Dark theme |
        | Products Your basket Checkout Thank you Order for Di in Rome, express delivery. Theme: light Light theme Dark theme                                  |

    Scenario: A gift wrap ticked then unticked is left out of the order
      When the visitor presses "Continue"
      And the visitor ticks "Gift wrap"
      And the visitor unticks "Gift wrap"
      And the visitor presses "Place order"
      Then the visitor is on "/thanks/"
      And the page does not show "Gift wrapped"

    Scenario: Placing the order gives the session a new key and forgets the checkout
      When the visitor presses "Continue"
      And the visitor presses "Place order"
      Then the visitor's session key has changed
      And the visitor's session has no key "checkout"
      And the visitor's session includes {'orders': 1}
