/*
 * kano_answer.c
 *	  The out-of-line half of kano_answer.h: answer labels, and the errors
 *	  for answers that are not 1 to 5.
 */
#include "postgres.h"

#include "utils/builtins.h"

#include "kano_answer.h"
#include "kano_model.h"

void
kano_report_answer(int64 answer, const char *question)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("Kano %s answer %lld is out of range", question, (long long) answer),
			 errdetail("Kano answers are 1 (like), 2 (must-be), 3 (neutral), 4 (live-with) and 5 (dislike).")));
}

int
kano_answer_from_text(text *answer, const char *question)
{
	char	   *label = text_to_cstring(answer);
	int			a = kano_answer_from_label(label);

	if (unlikely(a == 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid Kano %s answer \"%s\"", question, label),
				 errdetail("Kano answers are like, must-be (or expect), neutral, live-with (or tolerate) and dislike, or 1 to 5; case does not matter.")));
	return a;
}
