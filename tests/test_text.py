from onyx_support.domain.text import without_controls


def test_controls_are_removed_from_a_single_line():
	assert without_controls("Invoice\x00 fails\x1b[31m\x07") == "Invoice fails[31m"
	assert without_controls("two\r\nlines\tand tab") == "two lines and tab"


def test_bodies_keep_their_line_breaks():
	assert without_controls("line one\r\nline two\x00\tend", multiline=True) == "line one\r\nline two\tend"


def test_nothing_to_clean():
	assert without_controls(None) is None
	assert without_controls("") == ""
	assert without_controls("نص عربي — é") == "نص عربي — é"
