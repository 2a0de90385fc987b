# Two commands do all the set-up: `make run` and `make test`.
BUILD_TYPE ?= RelWithDebInfo
WEB_SOURCES := $(shell find web/src web/public -type f 2>/dev/null) web/index.html web/package.json $(wildcard web/vite.config.* web/tsconfig*.json)

.PHONY: all deps build build-server build-web run test test-unit test-api test-e2e bench fmt clean

all: build

deps:
	@scripts/install-deps.sh

build: deps build-server build-web

build/build.ninja:
	cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build-server: build/build.ninja
	ninja -C build

build-web: web/dist/index.html

web/dist/index.html: $(WEB_SOURCES) web/package-lock.json
	cd web && npm run build

run: build
	./build/guanxi serve --listen $${GUANXI_LISTEN:-127.0.0.1:8080} --data-dir $${GUANXI_DATA_DIR:-./data}

test: build
	scripts/test-all.sh

test-unit: build
	ctest --test-dir build --output-on-failure -j2

test-api: build
	node --test --test-concurrency=1 tests/api/

test-e2e: build
	node --test --test-concurrency=1 tests/e2e/

bench: build
	bench/run-foundation.sh
	bench/run-customers.sh
	bench/run-export.sh

fmt:
	clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.h' 'tests/*.cpp')

clean:
	rm -rf build build-asan web/dist
