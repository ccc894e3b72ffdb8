"""Publishing: the one table of export formats, file names, writing articles into files and
folders."""
