// One-time codes against the RFCs' published vectors, Base32 (RFC 4648) and
// the secret box the TOTP seeds are stored in (ADR 0013).
#include <gtest/gtest.h>

#include "auth/totp.h"
#include "core/random.h"
#include "core/secret_box.h"

namespace guanxi::auth::totp {
namespace {

const std::string kRfcKey = "12345678901234567890";

TEST(Hotp, MatchesRfc4226AppendixD) {
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (uint64_t counter = 0; counter < 10; ++counter) EXPECT_EQ(hotp(kRfcKey, counter), expected[counter]) << counter;
}

TEST(Totp, MatchesRfc6238AppendixBForSha1) {
  const std::pair<int64_t, const char*> vectors[] = {{59, "94287082"},         {1111111109, "07081804"},
                                                     {1111111111, "14050471"}, {1234567890, "89005924"},
                                                     {2000000000, "69279037"}, {20000000000, "65353130"}};
  for (const auto& [seconds, code] : vectors) {
    EXPECT_EQ(hotp(kRfcKey, static_cast<uint64_t>(step_at(seconds * 1000)), 8), code) << seconds;
  }
}

TEST(Totp, AcceptsOneStepOfDriftAndNeverAStepTwice) {
  const int64_t now = 1000;
  EXPECT_EQ(matching_step(kRfcKey, hotp(kRfcKey, now - 1), now, 0), now - 1);
  EXPECT_EQ(matching_step(kRfcKey, hotp(kRfcKey, now + 1), now, 0), now + 1);
  EXPECT_FALSE(matching_step(kRfcKey, hotp(kRfcKey, now - 2), now, 0));
  EXPECT_FALSE(matching_step(kRfcKey, hotp(kRfcKey, now + 2), now, 0));
  EXPECT_FALSE(matching_step(kRfcKey, hotp(kRfcKey, now), now, now));  // used already
  EXPECT_FALSE(matching_step(kRfcKey, hotp(kRfcKey, now - 1), now, now - 1));
  EXPECT_FALSE(matching_step(kRfcKey, "12345", now, 0));   // too short
  EXPECT_FALSE(matching_step(kRfcKey, "１２３４５６", now, 0));  // full-width digits are not a code
}

TEST(Base32, MatchesRfc4648VectorsWithoutPadding) {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},           {"f", "MY"},         {"fo", "MZXQ"},
                                                         {"foo", "MZXW6"},   {"foob", "MZXW6YQ"}, {"fooba", "MZXW6YTB"},
                                                         {"foobar", "MZXW6YTBOI"}};
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(base32_encode(plain), encoded);
    EXPECT_EQ(base32_decode(encoded), std::string(plain));
  }
  EXPECT_EQ(base32_decode("mzxw 6ytb oi======"), std::string("foobar"));  // as people type it
  EXPECT_FALSE(base32_decode("MZXW1"));  // 1 is not in the alphabet
}

TEST(Base32, OtpauthUriCarriesTheParametersAppsRead) {
  EXPECT_EQ(otpauth_uri("Guanxi", "li lei", "MZXW6"),
            "otpauth://totp/Guanxi:li%20lei?secret=MZXW6&issuer=Guanxi&algorithm=SHA1&digits=6&period=30");
}

TEST(SecretBox, OpensOnlyUnderTheSameKeyAndUnaltered) {
  init_crypto();
  const std::string key(32, 'a');
  const std::string sealed = seal(key, "twenty-byte-secret!!");
  EXPECT_NE(sealed, seal(key, "twenty-byte-secret!!"));  // a fresh nonce each time
  EXPECT_EQ(unseal(key, sealed), std::string("twenty-byte-secret!!"));
  EXPECT_FALSE(unseal(std::string(32, 'b'), sealed));
  std::string altered = sealed;
  altered.back() = altered.back() == '0' ? '1' : '0';
  EXPECT_FALSE(unseal(key, altered));
  EXPECT_FALSE(unseal(key, "zz"));
}

}  // namespace
}  // namespace guanxi::auth::totp
