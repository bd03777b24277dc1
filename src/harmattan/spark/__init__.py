"""The pipeline as a Spark job (`pip install harmattan[spark]`); see `job.py`."""
