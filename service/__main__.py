"""``python -m service`` runs the ``mixlate`` command line."""

import sys

from service.cli import main

sys.exit(main())
