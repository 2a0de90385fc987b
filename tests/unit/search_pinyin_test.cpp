// Word-level pinyin from the embedded pinyin-pro dictionary (CUS-14).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "search/pinyin.h"

namespace guanxi::search {
namespace {

using Syllables = std::vector<std::string>;

TEST(Pinyin, PhrasesPickTheirWordReading) {
  EXPECT_EQ(pinyin_syllables("中国银行"), (Syllables{"zhong", "guo", "yin", "hang"}));
  EXPECT_EQ(pinyin_syllables("重庆"), (Syllables{"chong", "qing"}));
  EXPECT_EQ(pinyin_syllables("长沙"), (Syllables{"chang", "sha"}));
  EXPECT_EQ(pinyin_syllables("华为技术"), (Syllables{"hua", "wei", "ji", "shu"}));
  EXPECT_EQ(pinyin_syllables("招商银行行长"), (Syllables{"zhao", "shang", "yin", "hang", "hang", "zhang"}));
  EXPECT_EQ(pinyin_syllables("蚌埠"), (Syllables{"beng", "bu"}));
  EXPECT_EQ(pinyin_syllables("厦门"), (Syllables{"xia", "men"}));
}

TEST(Pinyin, SingleCharactersTakeTheirDefaultReading) {
  EXPECT_EQ(pinyin_syllables("行"), (Syllables{"xing"}));
  EXPECT_EQ(pinyin_syllables("绿"), (Syllables{"lv"}));  // ü is written v
  EXPECT_EQ(pinyin_syllables(""), Syllables{});
}

TEST(Pinyin, CharactersWithoutReadingGiveEmptySyllables) {
  EXPECT_EQ(pinyin_syllables("中a国"), (Syllables{"zhong", "", "guo"}));
  EXPECT_EQ(pinyin_syllables("ã"), (Syllables{""}));
}

TEST(Pinyin, PersonNamesReadTheSurnameAsSurname) {
  EXPECT_EQ(person_name_pinyin_syllables("曾国藩"), (Syllables{"zeng", "guo", "fan"}));
  EXPECT_EQ(pinyin_syllables("曾国藩"), (Syllables{"ceng", "guo", "fan"}));
  EXPECT_EQ(person_name_pinyin_syllables("单田芳"), (Syllables{"shan", "tian", "fang"}));
  EXPECT_EQ(person_name_pinyin_syllables("万俟卨"), (Syllables{"mo", "qi", "xie"}));
  EXPECT_EQ(person_name_pinyin_syllables("张伟"), (Syllables{"zhang", "wei"}));
}

}  // namespace
}  // namespace guanxi::search
