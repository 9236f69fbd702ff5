#include "storage/writer.hpp"

#include <future>

#include <pthread.h>

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include "storage/savepoint.hpp"

namespace storage {

Writer::Writer(std::unique_ptr<SQLite::Database> db, std::size_t max_batch)
    : db_(std::move(db)),
      statements_(std::make_unique<StatementCache>(*db_)),
      max_batch_(max_batch),
      thread_([this] { loop(); }) {}

Writer::~Writer() {
    stop();
}

void Writer::submit(Work work, Done done) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) {
            done(std::make_exception_ptr(std::runtime_error("the database writer has stopped")));
            return;
        }
        queue_.push_back(Unit{std::move(work), std::move(done)});
    }
    wake_.notify_one();
}

void Writer::run(Work work) {
    std::promise<void> committed;
    auto result = committed.get_future();
    submit(std::move(work), [&committed](std::exception_ptr error) {
        if (error)
            committed.set_exception(error);
        else
            committed.set_value();
    });
    result.get();
}

void Writer::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ && !thread_.joinable()) return;
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

std::uint64_t Writer::commits() const {
    std::lock_guard lock(mutex_);
    return commits_;
}

std::uint64_t Writer::units() const {
    std::lock_guard lock(mutex_);
    return units_;
}

void Writer::loop() {
    pthread_setname_np(pthread_self(), "sitelead-writer");  // shows in top -H and perf
    const UseCache cached(*statements_);
    std::deque<Unit> batch;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;  // stopping and drained
            while (!queue_.empty() && batch.size() < max_batch_) {
                batch.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
        }
        commit_batch(batch);
        batch.clear();
    }
}

void Writer::commit_batch(std::deque<Unit>& batch) {
    std::vector<std::exception_ptr> errors(batch.size());
    std::exception_ptr batch_error;
    try {
        execute(*db_, "BEGIN IMMEDIATE");
        for (std::size_t i = 0; i < batch.size(); ++i) {
            try {
                Savepoint unit(*db_, "unit");
                batch[i].work(*db_);
                unit.release();
            } catch (...) {
                errors[i] = std::current_exception();
            }
        }
        execute(*db_, "COMMIT");
    } catch (...) {
        // The transaction itself failed (disk full, I/O error): nothing in
        // this batch is durable, so every unit gets the error.
        batch_error = std::current_exception();
        spdlog::error("database commit failed; {} unit(s) rolled back", batch.size());
        try {
            if (!db_->getHandle() || sqlite3_get_autocommit(db_->getHandle()) == 0)
                db_->exec("ROLLBACK");
        } catch (...) {
        }
    }
    {
        std::lock_guard lock(mutex_);
        if (!batch_error) ++commits_;
        units_ += batch.size();
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
        try {
            batch[i].done(batch_error ? batch_error : errors[i]);
        } catch (const std::exception& e) {
            spdlog::error("writer completion threw: {}", e.what());
        }
    }
}

}  // namespace storage
