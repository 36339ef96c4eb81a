"""Nothing of the journal is registered in the admin, on purpose.

Nobody, not even a superuser, reviewers or clinic staff, can browse journal
contents there. Support staff see per-account counts and devices only, in
`accounts/admin.py`.
"""
