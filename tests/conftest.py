import sys
from pathlib import Path

# The framework-free tier imports the app package straight from the checkout.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
