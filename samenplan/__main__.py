"""`python -m samenplan <command>` is the same as `manage.py <command>`."""

import os
import sys

from django.core.management import execute_from_command_line

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenplan.settings")
execute_from_command_line(["samenplan", *sys.argv[1:]])
