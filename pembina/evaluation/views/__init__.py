"""Pages of the evaluation app (/penilaian/); patterns in `pembina.evaluation.urls`."""
