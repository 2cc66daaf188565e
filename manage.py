#!/usr/bin/env python
"""Django's manage.py; the installed console script `tsunagu` does the same."""

from tsunagu.__main__ import main

if __name__ == "__main__":
    main()
