"""The batch run behind `extract run`: find PDFs, process them in worker processes, write outputs."""
