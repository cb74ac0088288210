"""Allow ``python -m newsprism``."""

from newsprism.cli import main

if __name__ == "__main__":
    main()
