"""The recommendation engine: pure functions over plain data (no Django, no database).

``facts`` holds the inputs and outputs, ``concerns`` ranks concerns and writes tips,
``safety`` holds the exclusion rules, ``routine`` plans and fills the AM/PM routine,
``referral`` decides when to see a dermatologist, and ``recommend`` puts them together.
"""
