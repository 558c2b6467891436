/** The download manager: keeps courses in the Cache API so the service worker can serve them offline. */
export { downloadCourse, type DownloadOptions, type DownloadProgress } from "./download-course";
export {
  getCourseOffline,
  getDownloadState,
  listDownloadedCourses,
  removeCourse,
  storedUrlsOf,
  type DownloadState,
  type DownloadedCourse,
} from "./download-state";
export { bytesToFetch, type OfflineState } from "@/domain/media/course-manifest";
export { fetchCourseManifest } from "./fetch-manifest";
export { fileKey, findVoiceCue, type CourseManifest, type ManifestFile } from "./course-manifest";
export * from "./errors";

