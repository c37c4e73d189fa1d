"""The Django site under test: one view per snippet of the session get/set lesson."""
