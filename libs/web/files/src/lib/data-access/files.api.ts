import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { StoredFileKind, StoredFileList, StoredFileView } from '@crm/domain';
import { API_BASE_URL, fileNameOf, withJsonBody, type DownloadedFile } from '@crm/web/core';
import { Observable, catchError, map } from 'rxjs';

/** /api/files: a record's files (附件). */
@Injectable({ providedIn: 'root' })
export class FilesApi {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE_URL);

  list(ownerType: string, ownerId: string): Observable<StoredFileList> {
    return this.http.get<StoredFileList>(`${this.base}/files`, { params: { ownerType, ownerId } });
  }

  upload(ownerType: string, ownerId: string, kind: StoredFileKind, file: File): Observable<StoredFileView> {
    const form = new FormData();
    form.append('ownerType', ownerType);
    form.append('ownerId', ownerId);
    form.append('kind', kind);
    form.append('file', file, file.name);
    return this.http.post<StoredFileView>(`${this.base}/files`, form);
  }

  download(file: Pick<StoredFileView, 'id' | 'name'>): Observable<DownloadedFile> {
    return this.http.get(`${this.base}/files/${file.id}/content`, { observe: 'response', responseType: 'blob' }).pipe(
      catchError(withJsonBody),
      map((res) => ({ blob: res.body ?? new Blob(), fileName: fileNameOf(res.headers, file.name) })),
    );
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(`${this.base}/files/${id}`);
  }
}
