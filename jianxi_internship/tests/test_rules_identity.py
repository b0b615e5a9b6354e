# The rules layer needs no database. odoo.tests.BaseCase cannot run under plain pytest
# (its run() expects Odoo's test result), so these use Odoo's TestCase with MetaCase:
# Odoo's runner tags them like any BaseCase, and plain pytest runs them too.
from datetime import date

from stdnum.cn import ric, uscc

from odoo.tests.case import TestCase
from odoo.tests.common import MetaCase

from odoo.addons.jianxi_internship.rules import identity

RIC_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RIC_CHECKS = "10X98765432"  # indexed by (weighted sum mod 11)
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def ric_check(first17):
    """ISO 7064 MOD 11-2, written from POLICY.md independently of the code under test."""
    return RIC_CHECKS[sum(int(c) * w for c, w in zip(first17, RIC_WEIGHTS, strict=True)) % 11]


def make_id(birth="20010315", address="520623", sequence="123"):
    """A resident ID number with a correct check character."""
    first17 = address + birth + sequence
    return first17 + ric_check(first17)


def uscc_check(first17):
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


class TestRulesIdentity(TestCase, metaclass=MetaCase):
    def assertIdentityError(self, code, func, *args, **kwargs):
        with self.assertRaises(identity.IdentityError) as catcher:
            func(*args, **kwargs)
        self.assertEqual(catcher.exception.code, code)
        return str(catcher.exception.message)

    # --- resident ID -----------------------------------------------------------------

    def test_helper_check_character_matches_known_sample(self):
        # 1*7+1*9+0*10+1*5+0*8+5*4+1*2+9*1+4*6+9*3+1*7+2*9+3*10+1*5+0*8+0*4+2*2 = 167; 167 % 11 = 2 -> 'X'
        self.assertEqual(ric_check("11010519491231002"), "X")
        self.assertEqual(identity.resident_id_check_character("11010519491231002"), "X")
        self.assertTrue(ric.is_valid("11010519491231002X"))

    def test_known_sample_parses(self):
        rid = identity.parse_resident_id("11010519491231002X")
        self.assertEqual(rid.number, "11010519491231002X")
        self.assertEqual(rid.birth_date, date(1949, 12, 31))
        self.assertEqual(rid.gender, "female")  # 17th character 2 is even
        self.assertEqual(rid.address_code, "110105")

    def test_lowercase_x_spaces_and_full_width_are_compacted(self):
        self.assertEqual(identity.parse_resident_id(" 110105 19491231 002x ").number, "11010519491231002X")
        self.assertEqual(identity.parse_resident_id("110105-19491231-002X").number, "11010519491231002X")
        # full-width digits and Ｘ as typed with a Chinese input method
        full_width = "１１０１０５１９４９１２３１００２Ｘ"
        self.assertEqual(identity.parse_resident_id(full_width).number, "11010519491231002X")

    def test_generated_male_id_parses(self):
        number = make_id("20010315", "520623", "123")
        rid = identity.parse_resident_id(number)
        self.assertEqual(rid.birth_date, date(2001, 3, 15))
        self.assertEqual(rid.gender, "male")  # 17th character 3 is odd
        self.assertEqual(rid.address_code, "520623")
        self.assertTrue(ric.is_valid(number))

    def test_gender_from_seventeenth_character(self):
        self.assertEqual(identity.parse_resident_id(make_id(sequence="001")).gender, "male")
        self.assertEqual(identity.parse_resident_id(make_id(sequence="010")).gender, "female")
        self.assertEqual(identity.parse_resident_id(make_id(sequence="019")).gender, "male")

    def test_bad_checksum_is_rejected(self):
        message = self.assertIdentityError("checksum", identity.parse_resident_id, "110105194912310021")
        self.assertIn("check character", message)
        # one changed digit in the body, check character kept
        self.assertIdentityError("checksum", identity.parse_resident_id, "11010519491231003X")

    def test_bad_birth_date_is_rejected_even_with_a_good_check_character(self):
        message = self.assertIdentityError("birth_date", identity.parse_resident_id, make_id("20230230"))
        self.assertEqual(message, "The ID number contains an invalid birth date (20230230).")
        self.assertIdentityError("birth_date", identity.parse_resident_id, make_id("20011301"))
        self.assertIdentityError("birth_date", identity.parse_resident_id, make_id("18991231"))

    def test_birth_year_1900_is_the_first_accepted(self):
        rid = identity.parse_resident_id(make_id("19000101"))
        self.assertEqual((rid.birth_date, rid.number), (date(1900, 1, 1), make_id("19000101")))
        message = self.assertIdentityError("birth_date", identity.parse_resident_id, make_id("18991231"))
        self.assertEqual(message, "The ID number contains an invalid birth date (18991231).")
        # 1900 was not a leap year
        self.assertIdentityError("birth_date", identity.parse_resident_id, make_id("19000229"))

    def test_leap_day_birth_date_is_valid(self):
        self.assertEqual(identity.parse_resident_id(make_id("20040229")).birth_date, date(2004, 2, 29))
        self.assertIdentityError("birth_date", identity.parse_resident_id, make_id("20030229"))

    def test_wrong_length_is_rejected(self):
        message = self.assertIdentityError("length", identity.parse_resident_id, "11010519491231002")
        self.assertEqual(message, "The ID number must have 18 characters, not 17.")
        self.assertIdentityError("length", identity.parse_resident_id, "11010519491231002X1")
        self.assertIdentityError("length", identity.parse_resident_id, "110105491231002")  # old 15-digit number
        self.assertIdentityError("empty", identity.parse_resident_id, "  ")
        self.assertIdentityError("empty", identity.parse_resident_id, None)

    def test_wrong_characters_are_rejected(self):
        self.assertIdentityError("format", identity.parse_resident_id, "1101051949123100AX")
        self.assertIdentityError("format", identity.parse_resident_id, "11010519491231002Y")
        self.assertIdentityError("format", identity.parse_resident_id, "X10105194912310021")

    def test_non_ascii_digits_are_normalised_or_refused(self):
        number = make_id("20010315")
        # full-width digits (a Chinese input method's) are the same digits: NFKC makes them ASCII
        full_width = "".join(chr(ord(c) + 0xFEE0) for c in number)
        self.assertEqual(identity.parse_resident_id(full_width).number, number)
        self.assertEqual(identity.compact_resident_id(full_width), number)
        # so are the other compatibility digits, e.g. mathematical bold ones
        bold = "".join(chr(ord(c) - ord("0") + 0x1D7CE) for c in number)
        self.assertEqual(identity.parse_resident_id(bold).number, number)
        # other scripts' decimal digits are digits to Python (int("٢٠٠١") == 2001), not to an ID
        # number: refused, all of them or any one of them, even with a check character that is right
        # for their values
        for zero in ("\u0660", "\u06f0", "\u0966"):  # Arabic-Indic, Eastern Arabic-Indic, Devanagari
            foreign = "".join(chr(ord(c) - ord("0") + ord(zero)) for c in number)
            self.assertTrue(foreign.isdecimal())
            values = [foreign, foreign[:17] + number[17]]
            values += [number[:i] + foreign[i] + number[i + 1 :] for i in range(18)]
            for value in values:
                with self.subTest(value=value):
                    self.assertIdentityError("format", identity.parse_resident_id, value)

    def test_future_birth_date_is_rejected(self):
        number = make_id("20300101")
        message = self.assertIdentityError(
            "future_birth_date", identity.parse_resident_id, number, today=date(2029, 12, 31)
        )
        self.assertEqual(message, "The birth date 2030-01-01 in the ID number is in the future.")
        # born today is not in the future
        self.assertEqual(identity.parse_resident_id(number, today=date(2030, 1, 1)).birth_date, date(2030, 1, 1))

    def test_error_is_a_value_error_with_lazy_message(self):
        with self.assertRaises(ValueError) as catcher:
            identity.parse_resident_id("123")
        self.assertEqual(str(catcher.exception), "The ID number must have 18 characters, not 3.")

    def test_mask_keeps_first_six_and_last_four(self):
        self.assertEqual(identity.mask_resident_id("11010519491231002x"), "110105********002X")
        self.assertEqual(len(identity.mask_resident_id("11010519491231002X")), 18)
        self.assertEqual(identity.mask_resident_id("1234567890"), "**********")
        self.assertEqual(identity.mask_resident_id(""), "")

    def test_mask_of_eleven_characters_and_its_boundaries(self):
        # an ID number: 10 characters or fewer are masked entirely, 11 keep 6 + 4 around one star
        self.assertEqual(identity.mask_resident_id("1234567890"), "**********")
        self.assertEqual(identity.mask_resident_id("12345678901"), "123456*8901")
        self.assertEqual(identity.mask_resident_id("123456789012"), "123456**9012")
        # a phone: 7 characters or fewer are masked entirely; a mobile number (11) keeps 3 + 4
        self.assertEqual(identity.mask_phone("1234567"), "*******")
        self.assertEqual(identity.mask_phone("12345678"), "123*5678")
        self.assertEqual(identity.mask_phone("13812345678"), "138****5678")
        self.assertEqual(identity.mask_phone("１３８１２３４５６７８"), "138****5678")

    def test_age_on_counts_full_years(self):
        born = date(2000, 3, 1)
        self.assertEqual(identity.age_on(born, date(2025, 2, 28)), 24)  # eve of the 25th birthday
        self.assertEqual(identity.age_on(born, date(2025, 3, 1)), 25)  # the birthday itself
        self.assertEqual(identity.age_on(born, date(2000, 3, 1)), 0)
        leap = date(2004, 2, 29)
        self.assertEqual(identity.age_on(leap, date(2021, 2, 28)), 16)
        self.assertEqual(identity.age_on(leap, date(2021, 3, 1)), 17)
        self.assertEqual(identity.age_on(leap, date(2024, 2, 29)), 20)

    # --- unified social credit code --------------------------------------------------

    def test_credit_code_valid(self):
        self.assertTrue(uscc.is_valid("91110000600037341L"))
        self.assertEqual(uscc_check("91110000600037341"), "L")
        self.assertEqual(identity.validate_credit_code("91110000600037341L"), "91110000600037341L")
        self.assertEqual(identity.validate_credit_code(" 9111 0000-6000 3734 1l"), "91110000600037341L")

    def test_credit_code_with_letters_in_authority_and_type_is_valid(self):
        # 'N2': rural collective economic organisation; stdnum wants 8 leading digits, GB 32100 does not
        first17 = "N2" + "520623" + "MA6DXY1A0"
        code = first17 + uscc_check(first17)
        self.assertEqual(identity.validate_credit_code(code), code)
        self.assertFalse(uscc.is_valid(code))
        self.assertIdentityError("checksum", identity.validate_credit_code, first17 + ("0" if code[-1] != "0" else "1"))

    def test_credit_code_bad_check_character(self):
        message = self.assertIdentityError("checksum", identity.validate_credit_code, "91110000600037341M")
        self.assertIn("check character", message)
        self.assertIdentityError("checksum", identity.validate_credit_code, "91110000600037342L")

    def test_credit_code_wrong_length_or_alphabet(self):
        message = self.assertIdentityError("length", identity.validate_credit_code, "9111000060003734")
        self.assertEqual(message, "The unified social credit code must have 18 characters, not 16.")
        self.assertIdentityError("empty", identity.validate_credit_code, "")
        # I, O, S, V and Z are not in the alphabet
        for letter in "IOSVZ":
            self.assertIdentityError("format", identity.validate_credit_code, "91110000600037341" + letter)
        # the region code (characters 3-8) must be digits
        self.assertIdentityError("format", identity.validate_credit_code, "9111A000600037341L")

    def test_credit_code_region_is_characters_3_to_8(self):
        def code(first17):
            return first17 + uscc_check(first17)

        # digits in characters 3 to 8 (the region code, 520623), letters around them: valid
        self.assertEqual(identity.validate_credit_code(code("Y1520623MA6DL1234")), code("Y1520623MA6DL1234"))
        # a letter as character 3 or as character 8 is refused, even with a right check character
        for first17 in ("91A20623MA6DL1234", "9152062AMA6DL1234"):
            with self.subTest(first17=first17):
                message = self.assertIdentityError("format", identity.validate_credit_code, code(first17))
                self.assertIn("characters 3 to 8 must be digits", message)
        # a letter as character 2 or 9 is not in the region code
        for first17 in ("9A520623MA6DL1234", "91520623AA6DL1234"):
            with self.subTest(first17=first17):
                self.assertEqual(identity.validate_credit_code(code(first17)), code(first17))
