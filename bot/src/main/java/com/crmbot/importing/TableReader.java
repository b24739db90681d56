package com.crmbot.importing;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddress;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * Opens an uploaded file as a table of text rows, whatever its extension says: CSV in
 * UTF-8 (with or without BOM), UTF-16 with BOM, GBK/GB18030 or whatever the detector
 * recognises (streamed, record by record); XLSX streamed sheet by sheet
 * ({@link XlsxRows}) or XLS (every sheet; merged cells filled with their top-left value,
 * date cells as ISO dates). Anything else is {@link NotATableException}.
 */
final class TableReader {

	private static final int SAMPLE = 64 * 1024;

	private TableReader() {
	}

	static Table open(Path file) throws IOException {
		byte[] head = new byte[SAMPLE];
		int n;
		try (InputStream in = Files.newInputStream(file)) {
			n = in.readNBytes(head, 0, SAMPLE);
		}
		head = Arrays.copyOf(head, n);
		if (n == 0) {
			throw new NotATableException("import-bad-empty", Map.of());
		}
		if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
			return workbook(file, true);
		}
		if (n >= 8 && (head[0] & 0xFF) == 0xD0 && (head[1] & 0xFF) == 0xCF && (head[2] & 0xFF) == 0x11
				&& (head[3] & 0xFF) == 0xE0) {
			return workbook(file, false);
		}
		Charset charset;
		int skip = 0;
		if (n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
			charset = StandardCharsets.UTF_8;
			skip = 3;
		}
		else if (n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
			charset = StandardCharsets.UTF_16LE;
			skip = 2;
		}
		else if (n >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
			charset = StandardCharsets.UTF_16BE;
			skip = 2;
		}
		else {
			for (int i = 0; i < n; i++) {
				if (head[i] == 0) {
					throw new NotATableException("import-bad-binary", Map.of());
				}
			}
			charset = detect(head, n == SAMPLE);
		}
		String label = charset.name() + ((skip > 0) ? " (BOM)" : "");
		return csv(file, charset, skip, label, sniffDelimiter(head, skip, charset));
	}

	/**
	 * Valid UTF-8 wins; otherwise juniversalchardet decides (GB2312/GBK read as GB18030).
	 */
	private static Charset detect(byte[] sample, boolean truncated) {
		if (validUtf8(sample, truncated)) {
			return StandardCharsets.UTF_8;
		}
		UniversalDetector d = new UniversalDetector();
		d.handleData(sample, 0, sample.length);
		d.dataEnd();
		String name = d.getDetectedCharset();
		if (name == null || name.equalsIgnoreCase("GB2312") || name.equalsIgnoreCase("GBK")
				|| name.equalsIgnoreCase("GB18030") || name.equalsIgnoreCase("HZ-GB-2312")) {
			// Chinese exports without a declared encoding are GBK family in practice
			return Charset.forName("GB18030");
		}
		try {
			return Charset.forName(name);
		}
		catch (RuntimeException ex) {
			return Charset.forName("GB18030");
		}
	}

	private static boolean validUtf8(byte[] sample, boolean truncated) {
		CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		CoderResult r = dec.decode(ByteBuffer.wrap(sample), CharBuffer.allocate(sample.length + 1), !truncated);
		return !r.isError();
	}

	private static char sniffDelimiter(byte[] head, int skip, Charset cs) {
		String text = new String(head, skip, head.length - skip, cs);
		int best = 0;
		char delimiter = ',';
		int lines = 0;
		for (String line : text.split("\\R")) {
			if (line.isBlank() || ++lines > 10) {
				continue;
			}
			for (char c : new char[] { ',', '\t', ';', '|' }) {
				int count = (int) line.chars().filter((ch) -> ch == c).count();
				if (count > best) {
					best = count;
					delimiter = c;
				}
			}
		}
		return delimiter;
	}

	private static Table csv(Path file, Charset charset, int skip, String label, char delimiter) throws IOException {
		InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
		in.skipNBytes(skip);
		Reader reader = new InputStreamReader(in,
				charset.newDecoder()
					.onMalformedInput(CodingErrorAction.REPLACE)
					.onUnmappableCharacter(CodingErrorAction.REPLACE));
		CSVParser parser = CSVFormat.DEFAULT.builder()
			.setDelimiter(delimiter)
			.setIgnoreEmptyLines(false)
			.setIgnoreSurroundingSpaces(false)
			.setTrim(false)
			.get()
			.parse(reader);
		Iterator<CSVRecord> records = parser.iterator();
		Iterator<RawRow> rows = new Iterator<>() {
			@Override
			public boolean hasNext() {
				try {
					return records.hasNext();
				}
				catch (RuntimeException ex) {
					throw new NotATableException("import-bad-csv-quote", Map.of("line", parser.getCurrentLineNumber()));
				}
			}

			@Override
			public RawRow next() {
				CSVRecord r = records.next();
				return new RawRow((int) r.getRecordNumber(), r.toList());
			}
		};
		return new Table("CSV", label, List.of(), rows, parser);
	}

	private static Table workbook(Path file, boolean ooxml) throws IOException {
		if (ooxml) {
			XlsxRows rows = XlsxRows.open(file);
			return new Table("XLSX", "Excel", rows.sheetNames(), rows, rows);
		}
		Workbook wb;
		try {
			wb = WorkbookFactory.create(file.toFile(), null, true);
		}
		catch (Exception ex) {
			throw new NotATableException("import-bad-xlsx", Map.of());
		}
		if (wb.getNumberOfSheets() == 0) {
			wb.close();
			throw new NotATableException("import-bad-no-sheet", Map.of());
		}
		List<String> names = new ArrayList<>();
		for (int i = 0; i < wb.getNumberOfSheets(); i++) {
			names.add(wb.getSheetName(i));
		}
		DataFormatter fmt = new DataFormatter(java.util.Locale.CHINA);
		FormulaEvaluator eval = wb.getCreationHelper().createFormulaEvaluator();
		Iterator<RawRow> rows = new Iterator<>() {
			int sheetIndex = -1;

			Sheet sheet;

			List<CellRangeAddress> merged;

			int next;

			int last = -1;

			int offset;

			@Override
			public boolean hasNext() {
				while (sheet == null || next > last) {
					if (sheet != null) {
						offset += last + 1;
					}
					if (++sheetIndex >= wb.getNumberOfSheets()) {
						sheet = null;
						next = 0;
						last = -1;
						sheetIndex = wb.getNumberOfSheets();
						return false;
					}
					sheet = wb.getSheetAt(sheetIndex);
					merged = new ArrayList<>(sheet.getMergedRegions());
					next = 0;
					last = sheet.getLastRowNum();
				}
				return true;
			}

			@Override
			public RawRow next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				int rowNum = next++;
				Row row = sheet.getRow(rowNum);
				List<String> cells = new ArrayList<>();
				int width = (row != null) ? Math.max(row.getLastCellNum(), 0) : 0;
				for (CellRangeAddress m : merged) {
					if (m.getFirstRow() <= rowNum && rowNum <= m.getLastRow()) {
						width = Math.max(width, m.getLastColumn() + 1);
					}
				}
				for (int c = 0; c < width; c++) {
					cells.add(value(sheet, row, rowNum, c, merged, fmt, eval));
				}
				return new RawRow(offset + rowNum + 1, sheetIndex, sheet.getSheetName(), rowNum + 1, cells);
			}
		};
		return new Table("XLS", "Excel", names, rows, wb);
	}

	private static String value(Sheet sheet, Row row, int rowNum, int col, List<CellRangeAddress> merged,
			DataFormatter fmt, FormulaEvaluator eval) {
		for (CellRangeAddress m : merged) {
			if (m.isInRange(rowNum, col) && (m.getFirstRow() != rowNum || m.getFirstColumn() != col)) {
				Row top = sheet.getRow(m.getFirstRow());
				return (top != null) ? text(top.getCell(m.getFirstColumn()), fmt, eval) : "";
			}
		}
		return (row != null) ? text(row.getCell(col), fmt, eval) : "";
	}

	private static String text(Cell cell, DataFormatter fmt, FormulaEvaluator eval) {
		if (cell == null) {
			return "";
		}
		CellType type = (cell.getCellType() == CellType.FORMULA) ? cell.getCachedFormulaResultType()
				: cell.getCellType();
		if (type == CellType.NUMERIC) {
			return XlsxRows.number(cell.getNumericCellValue(), DateUtil.isCellDateFormatted(cell));
		}
		try {
			return fmt.formatCellValue(cell, eval);
		}
		catch (RuntimeException ex) {
			return fmt.formatCellValue(cell);
		}
	}

	/**
	 * One row as text cells, with its number in the file (1-based, as a spreadsheet shows
	 * it).
	 */
	record RawRow(int seq, int sheet, String sheetName, int number, List<String> cells) {

		/** A row of a CSV file (one sheet, its record number is its sequence number). */
		RawRow(int number, List<String> cells) {
			this(number, 0, null, number, cells);
		}

		boolean blank() {
			return cells.stream().allMatch((c) -> c == null || c.isBlank());
		}

	}

	/** An open table: its format, encoding, and rows (read lazily). */
	record Table(String format, String encoding, List<String> sheets, Iterator<RawRow> rows,
			Closeable resource) implements Closeable {

		@Override
		public void close() throws IOException {
			resource.close();
		}

	}

	/** The file is not a table we can read; the message says why, for the user. */
	/**
	 * Not a table we can read; why is a reply template ({@code import-bad-*}) and its
	 * variables, rendered in the uploader's language.
	 */
	static class NotATableException extends RuntimeException {

		private final String reasonKey;

		private final Map<String, ?> vars;

		NotATableException(String reasonKey, Map<String, ?> vars) {
			super(reasonKey + " " + vars);
			this.reasonKey = reasonKey;
			this.vars = vars;
		}

		String reasonKey() {
			return reasonKey;
		}

		Map<String, ?> vars() {
			return vars;
		}

	}

}
