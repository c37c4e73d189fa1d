Feature: The basket
  A visitor's basket is the list of products in their session. Each "Add" button posts a
  form and redirects to the basket; the basket stays with the visitor from page to page,
  and no one else sees it. Beside it, a product saved for later is kept by the front page's
  script, without loading a page.

  Rule: The basket keeps every item across pages until the visitor empties it

    Scenario: Two products added from the front page are both in the basket
      Given the visitor has opened "/"
      And the visitor has pressed "Add Tea"
      And the visitor has opened "/"
      When the visitor presses "Add Coffee"
      Then the region "Basket" reads "2 items: Tea, Coffee"
      And the visitor's session is {'basket': ['tea', 'coffee']}

    Scenario: A product's form puts it in the basket, however it is sent
      Given the visitor has opened "/"
      When the visitor submits the "Tea" form
      Then the region "Basket" reads "1 item: Tea"

    Scenario: A basket already in the session is shown
      Given the visitor's session starts with {'basket': ['coffee', 'tea']}
      When the visitor opens "/basket/"
      Then the region "Basket" reads "2 items: Coffee, Tea"

    Scenario: Emptying the basket removes it from the session
      Given the visitor has opened "/"
      And the visitor has pressed "Add Tea"
      When the visitor presses "Empty the basket"
      Then the region "Basket" reads "Your basket is empty"
      And the visitor's session has no key "basket"
      And the visitor is on "/basket/"

  Rule: The first item starts the visitor's session

    Scenario: The redirect after the first item sets the session cookie
      Given the visitor has opened "/"
      And the browser holds no session cookie
      When the visitor presses "Add Tea"
      Then the visitor was redirected from "/basket/add/tea/"
      And the response sets the session cookie
      And the session cookie is set with HttpOnly

  Rule: A product saved for later is kept while the page stays where it is

    Scenario: Saving a product for later starts the session without leaving the page
      Given the visitor has opened "/"
      When the visitor presses "Save Tea for later"
      Then the response sets the session cookie
      And the visitor's session is {'saved': ['tea']}
      And the region "Saved for later" reads "Tea"
      And the visitor is on "/"

    Scenario: Forgetting the saved products empties the session and keeps its key
      Given the visitor has opened "/"
      And the visitor has pressed "Save Coffee for later"
      And the visitor has opened "/"
      When the visitor presses "Forget saved products"
      Then the response sets the session cookie
      And the visitor's session key is unchanged
      And the visitor's session is {}
      And the region "Saved for later" reads "Nothing saved"

  Rule: Each visitor has a basket of their own

    Scenario: Another visitor has a basket of their own
      Given Alice has opened "/"
      And Alice has pressed "Add Tea"
      When Bob opens "/basket/"
      Then Bob's page shows "Your basket is empty"
      And Bob's browser holds no session cookie
      And Alice's page shows "1 item: Tea"
