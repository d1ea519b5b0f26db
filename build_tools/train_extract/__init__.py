"""Train the learned decisions of ``skylog.extract.learned`` (``python -m build_tools.train_extract``)."""
