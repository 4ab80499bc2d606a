use super::*;

#[test]
fn one_file_per_api_base_and_repository() {
    assert_eq!(file_name("https://api.github.com", "octo/hello"), "api.github.com_octo_hello.json");
    assert_eq!(file_name("http://127.0.0.1:8080/api/v3", "a/b"), "127.0.0.1_8080_api_v3_a_b.json");
    assert_ne!(file_name("https://api.github.com", "octo/hello"), file_name("https://api.github.com", "octo/other"));
}

#[test]
fn saved_then_loaded_and_anything_damaged_is_none() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("deeper").join("x.json");
    assert_eq!(load(&file), None);
    let remembered = Remembered { url: "https://h/repos/a/b/issues?page=1".into(), etag: "W/\"abc\"".into() };
    save(&file, &remembered).unwrap();
    assert_eq!(load(&file), Some(remembered));
    std::fs::write(&file, b"{\"url\": 3").unwrap();
    assert_eq!(load(&file), None);
}

#[test]
fn the_default_file_is_in_the_platform_cache_directory() {
    if let Some(file) = default_file("https://api.github.com", "octo/hello") {
        assert!(file.ends_with("github/api.github.com_octo_hello.json"), "{}", file.display());
        assert!(file.components().any(|c| c.as_os_str() == "sprintboard"), "{}", file.display());
    }
}
