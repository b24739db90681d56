package com.crmbot.text;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks parsing data: the cue words, names and patterns the bot <em>recognises</em> in
 * what people type or upload (extractor cues, time words, import header synonyms, command
 * aliases). They are data, not text the bot shows, so they are not reply templates. The
 * test {@code UserTextInJavaTest} lets string literals stand only inside a declaration
 * carrying this annotation (a field, a method, or a whole type); every other Chinese
 * literal in main sources fails it unless it is a log message.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target({ ElementType.TYPE, ElementType.FIELD, ElementType.METHOD })
public @interface Lexicon {

	/** What the words are for (e.g. "budget cue words"). */
	String value() default "";

}
