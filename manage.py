#!/usr/bin/env python
"""Django's command-line utility; `canbo` is the same thing installed on the PATH."""

from canbo.cli import main

if __name__ == "__main__":
    main()
