Feature: A site served by more than one server
  A site that outgrows one server runs several copies of it behind one address, and each
  request goes to whichever copy is free. The browser keeps cookies by host, not by port or
  server, so every server gets the same session cookie; but the cookie holds only a session
  key, and the visits go on counting only where every server finds what the key names.

  Here the site runs on two servers, on two ports of one host, each as if on a machine of
  its own: the database, Redis and Memcached are servers that both reach, while a server's
  memory and its folders are its own. Each rule's tag says which engines it is about:
  `@store:shared` (db, the cache on Redis or Memcached, signed_cookies),
  `@store:per-server` (the cache in local memory, file) and `@store:cached-per-server`
  (cached_db, its cache in local memory or in files).

  Background:
    Given the site is served by two servers, on two ports of one host

  Rule: Where every server reads the same store, the count goes on whichever server answers
    The database, Redis and Memcached are one store for every server that reaches them.
    signed_cookies keeps the data in the cookie itself, signed with the SECRET_KEY that
    every server shares, so any server can read what another one wrote.

    @store:shared @lesson:snapshot-4
    Scenario: Requests that alternate between the servers count every visit
      Given the visitor has opened "/visits/" on the first server
      When the visitor opens "/visits/" on the second server
      And the visitor opens "/visits/" on the first server
      And the visitor opens "/visits/" on the second server
      Then the pages read, in turn:
        | Visit count: 1 |
        | Visit count: 2 |
        | Visit count: 3 |
        | Visit count: 4 |

    @store:shared
    Scenario: A visitor who stays a while on each server keeps one count
      Given the visitor has opened "/visits/" 2 times on the first server
      And the visitor has opened "/visits/" 3 times on the second server
      When the visitor opens "/visits/" on the first server
      And the visitor opens "/visits/" on the second server
      Then the pages read, in turn:
        | Visit count: 6 |
        | Visit count: 7 |

  Rule: Where each server keeps sessions of its own, the other server starts over
    A local-memory cache lives inside one server process, and session files lie in a
    folder of one machine. The other server finds nothing under the visitor's key, so
    Django takes the visitor for a new one and gives a new key, which replaces the cookie:
    back on the first server, the key it knew is gone from the browser too.

    @store:per-server
    Scenario: Requests that alternate between the servers never count past 1
      Given the visitor has opened "/visits/" on the first server
      When the visitor opens "/visits/" on the second server
      And the visitor opens "/visits/" on the first server
      And the visitor opens "/visits/" on the second server
      Then the pages read, in turn:
        | Visit count: 1 |
        | Visit count: 1 |
        | Visit count: 1 |
        | Visit count: 1 |

    @store:per-server
    Scenario: A visitor who stays a while on each server starts over at every switch
      Given the visitor has opened "/visits/" 2 times on the first server
      And the visitor has opened "/visits/" 3 times on the second server
      When the visitor opens "/visits/" on the first server
      And the visitor opens "/visits/" on the second server
      Then the pages read, in turn:
        | Visit count: 1 |
        | Visit count: 1 |
      And the session cookie has changed

  Rule: cached_db with a cache of each server's own serves what that server saw last
    cached_db writes every save to the database and to the cache of the server that saved,
    and reads its own cache first, the database only where the cache has nothing. A server
    whose cache is empty reads the database and goes on counting; a server whose cache
    already holds the session counts from what it saw last, and its save overwrites the
    other server's visits in the database.

    @store:cached-per-server
    Scenario: Requests that alternate between the servers lose a visit to a stale cache
      Given the visitor has opened "/visits/" on the first server
      When the visitor opens "/visits/" on the second server
      And the visitor opens "/visits/" on the first server
      And the visitor opens "/visits/" on the second server
      Then the pages read, in turn:
        | Visit count: 1 |
        | Visit count: 2 |
        | Visit count: 2 |
        | Visit count: 3 |

    @store:cached-per-server
    Scenario: Once each server's cache holds the session, each server counts on its own
      Given the visitor has opened "/visits/" 2 times on the first server
      And the visitor has opened "/visits/" 3 times on the second server
      When the visitor opens "/visits/" on the first server
      And the visitor opens "/visits/" on the second server
      Then the pages read, in turn:
        | Visit count: 3 |
        | Visit count: 6 |
