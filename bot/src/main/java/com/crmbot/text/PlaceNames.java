package com.crmbot.text;

/**
 * Place names at the start of a company name, from the same gazetteer the extractor uses
 * ({@code classpath:inquiry/regions.txt}): 杭州云帆物流 → 云帆物流.
 */
public final class PlaceNames {

	private static final Gazetteer GAZETTEER = new Gazetteer();

	private PlaceNames() {
	}

	/**
	 * @return the name without the places it starts with (杭州, 浙江杭州, 苏州工业园区...), or the
	 * name itself when it starts with none
	 */
	public static String withoutLeadingPlaces(String name) {
		if (name == null) {
			return null;
		}
		String rest = name;
		boolean changed = true;
		while (changed && !rest.isEmpty()) {
			changed = false;
			for (Gazetteer.Place p : GAZETTEER.places(rest)) {
				if (p.start() == 0 && p.end() < rest.length()) {
					rest = rest.substring(p.end());
					changed = true;
				}
				break;
			}
		}
		return rest;
	}

}
