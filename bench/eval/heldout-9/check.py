#!/usr/bin/env python3
"""Format checks for the set in this folder: ``bench/eval/check_gold.py`` run on it."""

import os
import runpy
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.argv = [sys.argv[0], HERE]
runpy.run_path(os.path.join(HERE, "..", "check_gold.py"), run_name="__main__")
