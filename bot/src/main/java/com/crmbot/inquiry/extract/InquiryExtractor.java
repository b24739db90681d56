package com.crmbot.inquiry.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.crmbot.text.Phones;

// TEMPORARY STUB (replaced by the extractor branch)
public final class InquiryExtractor {
	private final InquiryRules rules;
	public InquiryExtractor(InquiryRules rules) { this.rules = rules; }
	public ExtractedInquiry extract(String text) {
		if (text == null) return new ExtractedInquiry(null, null, null, null, null, null, null, List.of(), null, null);
		Matcher m = Pattern.compile("[\\u4e00-\\u9fa5A-Za-z0-9]{2,30}?(有限公司|集团|学校|医院|银行|超市)").matcher(text);
		String company = m.find() ? m.group() : null;
		List<String> phones = Phones.findAll(text);
		List<String> obj = new ArrayList<>();
		for (ObjectionRule r : rules.objections()) for (String c : r.cues()) if (text.contains(c) && !obj.contains(r.id())) obj.add(r.id());
		String need = null;
		for (CueLabel r : rules.needTypes()) for (String c : r.cues()) if (need == null && text.contains(c)) need = r.id();
		Matcher c = Pattern.compile("([王李张刘陈杨赵黄周吴])(总|经理|老师)").matcher(text);
		String contact = c.find() ? c.group() : null;
		return new ExtractedInquiry(company, contact, null, null, phones.isEmpty() ? null : phones.get(0), null, need, obj, null, null);
	}
}
