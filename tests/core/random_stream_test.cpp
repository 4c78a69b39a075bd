// core::RandomStream against NIST CAVP's HMAC_DRBG vectors for SHA-256 (drbgtestvectors.zip,
// HMAC_DRBG.rsp, [PredictionResistance = False], 256-bit entropy, 128-bit nonce, no additional input,
// ReturnedBitsLen = 1024). The test procedure of that file: instantiate, (reseed,) generate 1024 bits
// and discard them, generate 1024 bits again and compare.
#include <doctest/doctest.h>

#include "core/random_stream.hpp"
#include "hex.hpp"

using test::from_hex;
using test::to_hex;

namespace {

// ReturnedBits: the second of two 128-byte requests.
std::string second_block(core::RandomStream& stream) {
    REQUIRE(stream.next(128).size() == 128);
    return to_hex(stream.next(128));
}

const std::string seed_bytes = from_hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
                                        "202122232425262728292a2b2c2d2e2f");

}  // namespace

TEST_CASE("HMAC_DRBG SHA-256, no reseed (drbgvectors_no_reseed): entropy and nonce as the seed") {
    struct Vector {
        const char *entropy, *nonce, *returned;
    };
    const Vector vectors[] = {
        {"ca851911349384bffe89de1cbdc46e6831e44d34a4fb935ee285dd14b71a7488", "659ba96c601dc69fc902940805ec0ca8",
         "e528e9abf2dece54d47c7e75e5fe302149f817ea9fb4bee6f4199697d04d5b89d54fbb978a15b5c443c9ec21036d2460"
         "b6f73ebad0dc2aba6e624abf07745bc107694bb7547bb0995f70de25d6b29e2d3011bb19d27676c07162c8b5ccde0668"
         "961df86803482cb37ed6d5c0bb8d50cf1f50d476aa0458bdaba806f48be9dcb8"},  // COUNT = 0
        {"79737479ba4e7642a221fcfd1b820b134e9e3540a35bb48ffae29c20f5418ea3", "3593259c092bef4129bc2c6c9e19f343",
         "cf5ad5984f9e43917aa9087380dac46e410ddc8a7731859c84e9d0f31bd43655b924159413e2293b17610f211e09f770"
         "f172b8fb693a35b85d3b9e5e63b1dc252ac0e115002e9bedfb4b5b6fd43f33b8e0eafb2d072e1a6fee1f159df9b51e6c"
         "8da737e60d5032dd30544ec51558c6f080bdbdab1de8a939e961e06b5f1aca37"},  // COUNT = 1
        {"451ed024bc4b95f1025b14ec3616f5e42e80824541dc795a2f07500f92adc665", "2f28e6ee8de5879db1eccd58c994e5f0",
         "3fb637085ab75f4e95655faae95885166a5fbb423bb03dbf0543be063bcd48799c4f05d4e522634d9275fe02e1edd920"
         "e26d9accd43709cb0d8f6e50aa54a5f3bdd618be23cf73ef736ed0ef7524b0d14d5bef8c8aec1cf1ed3e1c38a808b35e"
         "61a44078127c7cb3a8fd7addfa50fcf3ff3bc6d6bc355d5436fe9b71eb44f7fd"},  // COUNT = 14
    };
    for (const Vector& v : vectors) {
        CAPTURE(v.entropy);
        core::RandomStream stream(from_hex(v.entropy) + from_hex(v.nonce));
        CHECK(stream.seeded());
        CHECK(second_block(stream) == v.returned);
    }
}

TEST_CASE("HMAC_DRBG SHA-256 with a personalization string: it is the end of the seed material") {
    // [PersonalizationStringLen = 256], COUNT = 0.
    core::RandomStream stream(from_hex("5cacc68165a2e2ee20812f35ec73a79dbf30fd475476ac0c44fc6174cdac2b55"
                                       "6f885496c1e63af620becd9e71ecb824"
                                       "e72dd8590d4ed5295515c35ed6199e9d211b8f069b3058caa6670b96ef1208d0"));
    CHECK(second_block(stream) ==
          "f1012cf543f94533df27fedfbf58e5b79a3dc517a9c402bdbfc9a0c0f721f9d53faf4aafdc4b8f7a1b580fcaa52338d4"
          "bd95f58966a243cdcd3f446ed4bc546d9f607b190dd69954450d16cd0e2d6437067d8b44d19a6af7a7cfa8794e5fbd72"
          "8e8fb2f2e8db5dd4ff1aa275f35886098e80ff844886060da8b1e7137846b23b");
}

TEST_CASE("HMAC_DRBG SHA-256 with a reseed (drbgvectors_pr_false): reseed mixes the new entropy in") {
    // COUNT = 0: instantiate, reseed with EntropyInputReseed, generate twice.
    core::RandomStream stream(from_hex("06032cd5eed33f39265f49ecb142c511da9aff2af71203bffaf34a9ca5bd9c0d"
                                       "0e66f71edc43e42a45ad3c6fc6cdc4df"));
    stream.reseed(from_hex("01920a4e669ed3a85ae8a33b35a74ad7fb2a6bb4cf395ce00334a9c9a5a5d552"));
    CHECK(second_block(stream) ==
          "76fc79fe9b50beccc991a11b5635783a83536add03c157fb30645e611c2898bb2b1bc215000209208cd506cb28da2a51"
          "bdb03826aaf2bd2335d576d519160842e7158ad0949d1a9ec3e66ea1b1a064b005de914eac2e9d4f2d72a8616a802254"
          "22918250ff66a41bd2f864a6a38cc5b6499dc43f7f2bd09e1e0f8f5885935124");
}

TEST_CASE("an unseeded stream gives nothing, and its first reseed is the seed") {
    core::RandomStream unseeded;
    CHECK_FALSE(unseeded.seeded());
    CHECK(unseeded.next(32).empty());
    unseeded.reseed("");
    CHECK_FALSE(unseeded.seeded());
    CHECK_FALSE(core::RandomStream("").seeded());

    unseeded.reseed(seed_bytes);
    core::RandomStream constructed(seed_bytes);
    CHECK(unseeded.seeded());
    CHECK(unseeded.next(48) == constructed.next(48));
}

TEST_CASE("the same seed gives the same stream; requests split as the standard bounds them") {
    core::RandomStream a(seed_bytes), b(seed_bytes), other(seed_bytes + "!");
    CHECK(a.next(0).empty());  // asks for nothing, and moves nothing on
    const std::string first = a.next(16);
    CHECK(first.size() == 16);
    CHECK(first == b.next(16));
    CHECK(first != other.next(16));
    CHECK(a.next(16) != first);  // a second request is not the first again

    // Above 64 KiB a request is several generate calls: the same bytes as asking for the parts in turn.
    const std::string large = a.next(65536 + 100);
    REQUIRE(large.size() == 65636);
    b.next(16);
    CHECK(large.substr(0, 65536) == b.next(65536));
    CHECK(large.substr(65536) == b.next(100));
}
