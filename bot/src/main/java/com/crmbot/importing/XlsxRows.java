package com.crmbot.importing;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.h2.mvstore.MVStore;

/**
 * Streams the rows of every sheet of an XLSX file with POI's event API
 * ({@link XSSFReader} for the package parts, StAX for the sheet XML), so memory does not
 * grow with the sheet: merged regions are read first from the sheet's
 * {@code <mergeCells>} (a quick pass over the XML) and filled with their top-left value
 * while rows stream by; shared strings go to a temporary disk-backed map when there are
 * many; numbers formatted as dates become ISO dates ({@code 2026-03-05}), other numbers
 * plain digits (no {@code 1.38E10}).
 */
final class XlsxRows implements Iterator<TableReader.RawRow>, Closeable {

	/** Up to this many shared strings are kept in memory, more go to a temporary file. */
	private static final int SST_IN_MEMORY = 20_000;

	/** A gap in the row numbers larger than this is not filled with blank rows. */
	private static final int MAX_GAP = 1_000;

	private static final XMLInputFactory XML = XMLInputFactory.newFactory();

	static {
		XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		XML.setProperty(XMLInputFactory.IS_COALESCING, true);
	}

	private final OPCPackage pkg;

	private final List<String> names;

	private final List<PackagePart> parts;

	private final StylesTable styles;

	private final SharedStrings sst;

	private int sheet = -1;

	private InputStream in;

	private XMLStreamReader xml;

	private List<int[]> merges = List.of();

	private int mergeNext;

	private final List<Merge> active = new ArrayList<>();

	private int lastRow;

	private int offset;

	private final Deque<TableReader.RawRow> ready = new ArrayDeque<>();

	private XlsxRows(OPCPackage pkg, List<String> names, List<PackagePart> parts, StylesTable styles,
			SharedStrings sst) {
		this.pkg = pkg;
		this.names = names;
		this.parts = parts;
		this.styles = styles;
		this.sst = sst;
	}

	static XlsxRows open(Path file) throws IOException {
		OPCPackage pkg;
		try {
			pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
		}
		catch (Exception ex) {
			throw new TableReader.NotATableException("import-bad-xlsx", java.util.Map.of());
		}
		try {
			XSSFReader reader = new XSSFReader(pkg);
			List<String> names = new ArrayList<>();
			List<PackagePart> parts = new ArrayList<>();
			XSSFReader.SheetIterator it = reader.getSheetIterator();
			while (it.hasNext()) {
				it.next().close();
				names.add(it.getSheetName());
				parts.add(it.getSheetPart());
			}
			if (parts.isEmpty()) {
				throw new TableReader.NotATableException("import-bad-no-sheet", java.util.Map.of());
			}
			StylesTable styles;
			try {
				styles = reader.getStylesTable();
			}
			catch (Exception ex) {
				styles = null;
			}
			InputStream sstData;
			try {
				sstData = reader.getSharedStringsData();
			}
			catch (Exception ex) {
				sstData = null;
			}
			SharedStrings sst = SharedStrings.read(sstData, file);
			return new XlsxRows(pkg, names, parts, styles, sst);
		}
		catch (TableReader.NotATableException ex) {
			pkg.revert();
			throw ex;
		}
		catch (Exception ex) {
			pkg.revert();
			throw new TableReader.NotATableException("import-bad-xlsx", java.util.Map.of());
		}
	}

	List<String> sheetNames() {
		return names;
	}

	@Override
	public boolean hasNext() {
		try {
			while (ready.isEmpty()) {
				if (xml == null && !nextSheet()) {
					return false;
				}
				if (!readRow()) {
					closeSheet();
					offset += lastRow;
				}
			}
			return true;
		}
		catch (XMLStreamException | IOException ex) {
			throw new TableReader.NotATableException("import-bad-sheet", java.util.Map.of("sheet", names.get(sheet)));
		}
	}

	@Override
	public TableReader.RawRow next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		return ready.poll();
	}

	private boolean nextSheet() throws IOException, XMLStreamException {
		if (++sheet >= parts.size()) {
			sheet = parts.size();
			return false;
		}
		merges = readMerges(parts.get(sheet));
		mergeNext = 0;
		active.clear();
		lastRow = 0;
		in = parts.get(sheet).getInputStream();
		xml = XML.createXMLStreamReader(in);
		return true;
	}

	private void closeSheet() throws IOException, XMLStreamException {
		xml.close();
		in.close();
		xml = null;
		in = null;
	}

	/**
	 * The merged regions of a sheet ({@code {firstRow, firstCol, lastRow, lastCol}},
	 * 1-based rows).
	 */
	private static List<int[]> readMerges(PackagePart part) throws IOException, XMLStreamException {
		List<int[]> out = new ArrayList<>();
		try (InputStream s = part.getInputStream()) {
			XMLStreamReader x = XML.createXMLStreamReader(s);
			while (x.hasNext()) {
				if (x.next() == XMLStreamConstants.START_ELEMENT && "mergeCell".equals(x.getLocalName())) {
					String ref = x.getAttributeValue(null, "ref");
					if (ref != null && ref.contains(":")) {
						String[] ends = ref.split(":");
						CellReference a = new CellReference(ends[0]);
						CellReference b = new CellReference(ends[1]);
						out.add(new int[] { a.getRow() + 1, a.getCol(), b.getRow() + 1, b.getCol() });
					}
				}
			}
			x.close();
		}
		out.sort(Comparator.comparingInt((int[] m) -> m[0]));
		return out;
	}

	/** Read up to the next row of the sheet into {@link #ready}; false at its end. */
	private boolean readRow() throws XMLStreamException {
		while (xml.hasNext()) {
			int ev = xml.next();
			if (ev == XMLStreamConstants.START_ELEMENT && "row".equals(xml.getLocalName())) {
				String r = xml.getAttributeValue(null, "r");
				int number = (r != null) ? Integer.parseInt(r) : lastRow + 1;
				List<String> cells = readCells();
				if (number > lastRow + 1 && number - lastRow <= MAX_GAP) {
					for (int gap = lastRow + 1; gap < number; gap++) {
						emit(gap, new ArrayList<>());
					}
				}
				emit(number, cells);
				return true;
			}
		}
		return false;
	}

	private List<String> readCells() throws XMLStreamException {
		List<String> cells = new ArrayList<>();
		int col = -1;
		while (xml.hasNext()) {
			int ev = xml.next();
			if (ev == XMLStreamConstants.END_ELEMENT && "row".equals(xml.getLocalName())) {
				break;
			}
			if (ev != XMLStreamConstants.START_ELEMENT || !"c".equals(xml.getLocalName())) {
				continue;
			}
			String ref = xml.getAttributeValue(null, "r");
			col = (ref != null) ? new CellReference(ref).getCol() : col + 1;
			String type = xml.getAttributeValue(null, "t");
			String style = xml.getAttributeValue(null, "s");
			String v = null;
			StringBuilder inline = null;
			int depth = 0;
			boolean phonetic = false;
			while (xml.hasNext()) {
				ev = xml.next();
				if (ev == XMLStreamConstants.START_ELEMENT) {
					String n = xml.getLocalName();
					if ("v".equals(n)) {
						v = xml.getElementText();
					}
					else if ("rPh".equals(n)) {
						phonetic = true;
					}
					else if ("t".equals(n)) {
						String t = xml.getElementText();
						if (!phonetic) {
							inline = (inline != null) ? inline.append(t) : new StringBuilder(t);
						}
					}
					else {
						depth++;
					}
				}
				else if (ev == XMLStreamConstants.END_ELEMENT) {
					if ("c".equals(xml.getLocalName()) && depth == 0) {
						break;
					}
					if ("rPh".equals(xml.getLocalName())) {
						phonetic = false;
					}
					else if (depth > 0) {
						depth--;
					}
				}
			}
			while (cells.size() <= col) {
				cells.add("");
			}
			cells.set(col, cellText(type, style, v, inline));
		}
		return cells;
	}

	private String cellText(String type, String style, String v, StringBuilder inline) {
		if ("inlineStr".equals(type)) {
			return (inline != null) ? inline.toString() : "";
		}
		if (v == null) {
			return "";
		}
		if (type == null || "n".equals(type)) {
			try {
				return number(Double.parseDouble(v), dateFormatted(style));
			}
			catch (NumberFormatException ex) {
				return v;
			}
		}
		return switch (type) {
			case "s" -> sst.get(Integer.parseInt(v.trim()));
			case "b" -> "1".equals(v.trim()) ? "TRUE" : "FALSE";
			case "e" -> "";
			case "d" -> (v.length() >= 10) ? v.substring(0, 10) : v;
			default -> v; // str: a formula's text result
		};
	}

	private boolean dateFormatted(String style) {
		if (style == null || styles == null) {
			return false;
		}
		try {
			XSSFCellStyle cs = styles.getStyleAt(Integer.parseInt(style));
			return cs != null && DateUtil.isADateFormat(cs.getDataFormat(), cs.getDataFormatString());
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * A numeric cell as text: an ISO date (with the time when it has one) for
	 * date-formatted cells; otherwise whole numbers without ".0" or exponent.
	 */
	static String number(double d, boolean date) {
		if (date && DateUtil.isValidExcelDate(d)) {
			LocalDateTime t = DateUtil.getLocalDateTime(d, false, true);
			if (t != null) {
				return (t.toLocalTime().toSecondOfDay() == 0) ? t.toLocalDate().toString()
						: t.toLocalDate() + " " + t.toLocalTime();
			}
		}
		if (d == Math.rint(d) && Math.abs(d) < 1e15) {
			return Long.toString((long) d);
		}
		return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
	}

	/** Emit a row with the merged regions over it filled with their top-left value. */
	private void emit(int number, List<String> cells) {
		active.removeIf((m) -> m.area[2] < number);
		while (mergeNext < merges.size() && merges.get(mergeNext)[0] <= number) {
			int[] area = merges.get(mergeNext++);
			if (area[2] >= number) {
				String top = (area[0] == number && area[1] < cells.size()) ? cells.get(area[1]) : "";
				active.add(new Merge(area, top));
			}
		}
		for (Merge m : active) {
			while (cells.size() <= m.area[3]) {
				cells.add("");
			}
			for (int c = m.area[1]; c <= m.area[3]; c++) {
				if (number != m.area[0] || c != m.area[1]) {
					cells.set(c, m.value);
				}
			}
		}
		lastRow = number;
		ready.add(new TableReader.RawRow(offset + number, sheet, names.get(sheet), number, cells));
	}

	@Override
	public void close() throws IOException {
		try {
			if (xml != null) {
				closeSheet();
			}
		}
		catch (XMLStreamException ex) {
			// closing anyway
		}
		finally {
			sst.close();
			pkg.revert();
		}
	}

	/** A merged region and its top-left value. */
	private record Merge(int[] area, String value) {

		@Override
		public boolean equals(Object o) {
			return o instanceof Merge m && Arrays.equals(area, m.area) && value.equals(m.value);
		}

		@Override
		public int hashCode() {
			return Arrays.hashCode(area);
		}

		@Override
		public String toString() {
			return Arrays.toString(area) + "=" + value;
		}

	}

	/**
	 * The workbook's shared strings, read once with StAX: in memory when few, otherwise
	 * in a temporary disk-backed map (H2 MVStore) next to the file.
	 */
	private static final class SharedStrings implements Closeable {

		private final List<String> memory = new ArrayList<>();

		private MVStore store;

		private Map<Integer, String> disk;

		private Path storeFile;

		private int count;

		static SharedStrings read(InputStream data, Path file) throws IOException, XMLStreamException {
			SharedStrings s = new SharedStrings();
			if (data == null) {
				return s;
			}
			try (data) {
				XMLStreamReader x = XML.createXMLStreamReader(data);
				StringBuilder item = null;
				boolean phonetic = false;
				while (x.hasNext()) {
					int ev = x.next();
					if (ev == XMLStreamConstants.START_ELEMENT) {
						switch (x.getLocalName()) {
							case "si" -> item = new StringBuilder();
							case "rPh" -> phonetic = true;
							case "t" -> {
								String t = x.getElementText();
								if (item != null && !phonetic) {
									item.append(t);
								}
							}
							default -> {
							}
						}
					}
					else if (ev == XMLStreamConstants.END_ELEMENT) {
						if ("si".equals(x.getLocalName()) && item != null) {
							s.add(item.toString(), file);
							item = null;
						}
						else if ("rPh".equals(x.getLocalName())) {
							phonetic = false;
						}
					}
				}
				x.close();
			}
			catch (IOException | XMLStreamException | RuntimeException ex) {
				s.close();
				throw ex;
			}
			return s;
		}

		private void add(String value, Path file) throws IOException {
			if (disk == null && memory.size() >= SST_IN_MEMORY) {
				storeFile = Files.createTempFile(file.getParent(), file.getFileName() + "-sst-", ".mv");
				Files.delete(storeFile);
				store = new MVStore.Builder().fileName(storeFile.toString()).cacheSize(8).open();
				disk = store.openMap("sst");
				for (int i = 0; i < memory.size(); i++) {
					disk.put(i, memory.get(i));
				}
				memory.clear();
			}
			if (disk != null) {
				disk.put(count, value);
			}
			else {
				memory.add(value);
			}
			count++;
		}

		String get(int index) {
			if (index < 0 || index >= count) {
				return "";
			}
			return (disk != null) ? disk.get(index) : memory.get(index);
		}

		@Override
		public void close() throws IOException {
			if (store != null) {
				store.close();
				store = null;
				Files.deleteIfExists(storeFile);
			}
		}

	}

}
